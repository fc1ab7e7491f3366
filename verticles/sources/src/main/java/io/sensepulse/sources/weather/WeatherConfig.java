package io.sensepulse.sources.weather;

import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code weather} config section: {@code location} (coordinates "52.52,13.41" or a place name,
 * seeded from WEATHER_LOCATION), the coordinates a place name was geocoded to ({@code latitude},
 * {@code longitude}, {@code place}, and {@code resolved_from}: the location they belong to, so a
 * changed location is geocoded again), {@code base_url}, {@code geocoding_url}, {@code timeout_ms}.
 *
 * @param section the normalised document, into which resolved coordinates are written back
 * @param coordinates where to ask for the forecast; empty while a place name awaits geocoding
 * @param place what the location reading shows
 */
public record WeatherConfig(
    JsonObject section,
    String location,
    Optional<Coordinates> coordinates,
    String place,
    String baseUrl,
    String geocodingUrl,
    Duration timeout) {

  public static final String SECTION = "weather";
  public static final String LOCATION = "location";
  public static final String LATITUDE = "latitude";
  public static final String LONGITUDE = "longitude";
  public static final String PLACE = "place";
  public static final String RESOLVED_FROM = "resolved_from";
  public static final String BASE_URL = "base_url";
  public static final String GEOCODING_URL = "geocoding_url";
  public static final String TIMEOUT_MS = "timeout_ms";
  public static final String DEFAULT_BASE_URL = "https://api.open-meteo.com";
  public static final String DEFAULT_GEOCODING_URL = "https://geocoding-api.open-meteo.com";
  public static final int DEFAULT_TIMEOUT_MS = 10_000;
  private static final int MAX_TEXT = 200;
  private static final Set<String> FIELDS =
      Set.of(LOCATION, LATITUDE, LONGITUDE, PLACE, RESOLVED_FROM, BASE_URL, GEOCODING_URL, TIMEOUT_MS);

  /** From a verticle's config: its {@code weather} object, which must name a location. */
  public static WeatherConfig from(JsonObject config) {
    if (!(config.getValue(SECTION) instanceof JsonObject raw)) {
      throw new IllegalArgumentException(SECTION + " must be a JSON object with a " + LOCATION);
    }
    JsonObject section = validate(raw);
    String location = section.getString(LOCATION);
    Optional<Coordinates> given = Coordinates.parse(location);
    Optional<Coordinates> cached = location.equals(section.getString(RESOLVED_FROM)) && section.containsKey(LATITUDE)
        ? Optional.of(new Coordinates(section.getDouble(LATITUDE), section.getDouble(LONGITUDE)))
        : Optional.empty();
    return new WeatherConfig(section, location, given.or(() -> cached),
        given.map(Coordinates::toString).orElse(section.getString(PLACE, location)),
        section.getString(BASE_URL), section.getString(GEOCODING_URL),
        Duration.ofMillis(section.getInteger(TIMEOUT_MS)));
  }

  /** The validator for {@code config:weather}: the normalised document, or IllegalArgumentException. */
  public static JsonObject validate(JsonObject section) {
    for (String field : section.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(SECTION + ": unknown field '" + field + "'; known: " + FIELDS.stream().sorted().toList());
      }
    }
    String location = text(section, LOCATION, null);
    if (location == null || location.isEmpty()) {
      throw new IllegalArgumentException(SECTION + "." + LOCATION + " is not set: coordinates like 52.52,13.41 or a place"
          + " name (WEATHER_LOCATION)");
    }
    Coordinates.parse(location);
    JsonObject normalised = new JsonObject().put(LOCATION, location);
    boolean hasLatitude = section.getValue(LATITUDE) != null;
    if (hasLatitude != (section.getValue(LONGITUDE) != null)) {
      throw new IllegalArgumentException(SECTION + ": " + LATITUDE + " and " + LONGITUDE + " go together");
    }
    if (hasLatitude) {
      if (!(section.getValue(LATITUDE) instanceof Number latitude) || !(section.getValue(LONGITUDE) instanceof Number longitude)) {
        throw new IllegalArgumentException(SECTION + ": " + LATITUDE + " and " + LONGITUDE + " must be numbers");
      }
      Coordinates checked = new Coordinates(latitude.doubleValue(), longitude.doubleValue());
      normalised.put(LATITUDE, checked.latitude()).put(LONGITUDE, checked.longitude());
    }
    putText(normalised, PLACE, text(section, PLACE, null));
    putText(normalised, RESOLVED_FROM, text(section, RESOLVED_FROM, null));
    return normalised
        .put(BASE_URL, baseUrl(section, BASE_URL, DEFAULT_BASE_URL))
        .put(GEOCODING_URL, baseUrl(section, GEOCODING_URL, DEFAULT_GEOCODING_URL))
        .put(TIMEOUT_MS, PulseSettings.intIn(section, TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 100, 60_000));
  }

  /** The section with the coordinates a place name was geocoded to: what config:weather should keep. */
  public JsonObject withResolved(OpenMeteo.Place resolved) {
    return section.copy()
        .put(LATITUDE, resolved.coordinates().latitude())
        .put(LONGITUDE, resolved.coordinates().longitude())
        .put(PLACE, resolved.label())
        .put(RESOLVED_FROM, location);
  }

  private static String text(JsonObject section, String key, String fallback) {
    Object raw = section.getValue(key);
    if (raw == null) {
      return fallback;
    }
    if (!(raw instanceof String text) || text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(SECTION + "." + key + " must be text of at most " + MAX_TEXT + " characters");
    }
    return text.strip();
  }

  private static void putText(JsonObject document, String key, String value) {
    if (value != null) {
      document.put(key, value);
    }
  }

  /** An http(s) URL without credentials, query or fragment; the API paths are appended to it. */
  private static String baseUrl(JsonObject section, String key, String fallback) {
    String text = text(section, key, fallback);
    String problem = SECTION + "." + key + " must be an http(s) URL such as " + fallback;
    try {
      URI uri = new URI(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(problem);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(problem);
    }
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}

package io.sensepulse.sources.weather;

import io.sensepulse.common.json.JsonTree;
import io.sensepulse.sources.BodySnippet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parsers of Open-Meteo's forecast and geocoding answers. */
public final class OpenMeteo {
  private OpenMeteo() {}

  /**
   * The current conditions and today's extremes, in the units the answer states.
   *
   * @param weatherCode WMO weather interpretation code
   */
  public record Forecast(
      double temperature,
      double apparentTemperature,
      String temperatureUnit,
      double humidity,
      double windSpeed,
      String windSpeedUnit,
      int weatherCode,
      boolean isDay,
      double temperatureMax,
      double temperatureMin) {}

  /** A geocoding hit: the place's name, with its country when the service knows it. */
  public record Place(String name, String country, Coordinates coordinates) {
    /** "Berlin, Germany": enough to tell Paris, France from Paris, Texas. */
    public String label() {
      StringBuilder label = new StringBuilder(name);
      if (!country.isEmpty()) {
        label.append(", ").append(country);
      }
      return label.toString();
    }
  }

  public static Forecast forecast(String json) {
    Map<String, Object> root = root(json);
    Map<String, Object> current = JsonTree.optionalObject(root, "current")
        .orElseThrow(() -> new IllegalArgumentException("the forecast has no 'current' conditions"));
    Map<String, Object> units = JsonTree.optionalObject(root, "current_units").orElse(Map.of());
    Map<String, Object> daily = JsonTree.optionalObject(root, "daily")
        .orElseThrow(() -> new IllegalArgumentException("the forecast has no 'daily' values"));
    double code = JsonTree.number(current, "weather_code");
    if (code != Math.rint(code) || code < 0 || code > 99) {
      throw new IllegalArgumentException("weather_code must be a WMO code 0-99, got " + code);
    }
    return new Forecast(
        JsonTree.number(current, "temperature_2m"),
        JsonTree.number(current, "apparent_temperature"),
        JsonTree.stringOr(units, "temperature_2m", "°C"),
        JsonTree.number(current, "relative_humidity_2m"),
        JsonTree.number(current, "wind_speed_10m"),
        JsonTree.stringOr(units, "wind_speed_10m", "km/h"),
        (int) code,
        JsonTree.number(current, "is_day") != 0,
        today(daily, "temperature_2m_max"),
        today(daily, "temperature_2m_min"));
  }

  /** The best match of a place search; empty when the service found nothing (it then sends no 'results'). */
  public static Optional<Place> firstPlace(String json) {
    List<Object> results = JsonTree.list(root(json), "results");
    if (results.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> hit = JsonTree.object(results.get(0), "results[0]");
    return Optional.of(new Place(
        JsonTree.stringOr(hit, "name", ""),
        JsonTree.stringOr(hit, "country", ""),
        new Coordinates(JsonTree.number(hit, "latitude"), JsonTree.number(hit, "longitude"))));
  }

  /** A non-200 answer in words: Open-Meteo's reason when it gave one, else the start of the body. */
  public static String describeFailure(int status, String body) {
    try {
      if (JsonTree.parse(body) instanceof Map<?, ?> root && root.get("reason") instanceof String reason) {
        return "Open-Meteo answered " + status + ": " + reason;
      }
    } catch (IllegalArgumentException notJson) {
      // Proxies and load balancers answer in HTML: quote it below.
    }
    return "Open-Meteo answered " + status + ": " + BodySnippet.of(body);
  }

  /** The answer's object; Open-Meteo reports a bad request as {@code {"error": true, "reason": "..."}}. */
  static Map<String, Object> root(String json) {
    Map<String, Object> root = JsonTree.object(JsonTree.parse(json), "the answer");
    if (Boolean.TRUE.equals(root.get("error"))) {
      throw new IllegalArgumentException("Open-Meteo refused the request: " + JsonTree.stringOr(root, "reason", "no reason given"));
    }
    return root;
  }

  private static double today(Map<String, Object> daily, String key) {
    List<Object> values = JsonTree.list(daily, key);
    if (values.isEmpty() || !(values.get(0) instanceof Number value)) {
      throw new IllegalArgumentException("daily." + key + " has no value for today");
    }
    return value.doubleValue();
  }
}

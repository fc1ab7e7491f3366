package io.sensepulse.sources.weather;

import io.sensepulse.common.Reading;
import io.sensepulse.common.source.Source;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Current conditions and today's extremes from Open-Meteo. A place name is geocoded once: the
 * result is kept in the node's local shared data at once, and offered through
 * {@link #resolvedLocation()} for config:weather, which outlives the JVM.
 */
public final class WeatherSource implements Source {
  public static final String ID = "weather";
  /** Geocoded places by geocoding URL and location, for the life of the JVM. */
  static final String GEOCODED = "pulse.weather.geocoded";
  static final String CURRENT =
      "temperature_2m,relative_humidity_2m,apparent_temperature,weather_code,wind_speed_10m,is_day";
  static final String DAILY = "temperature_2m_max,temperature_2m_min";

  private final Vertx vertx;
  private final WeatherConfig config;
  private JsonObject resolved;

  public WeatherSource(Vertx vertx, WeatherConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  @Override
  public String id() {
    return ID;
  }

  /** The config:weather document with the coordinates this poll geocoded; empty when it geocoded nothing. */
  public Optional<JsonObject> resolvedLocation() {
    return Optional.ofNullable(resolved).map(JsonObject::copy);
  }

  @Override
  public Future<List<Reading>> poll() {
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("sense-pulse")
        .setConnectTimeout((int) config.timeout().toMillis()));
    return locate(client)
        .compose(place -> get(client, config.baseUrl() + "/v1/forecast", Map.of(
                "latitude", Double.toString(place.coordinates().latitude()),
                "longitude", Double.toString(place.coordinates().longitude()),
                "current", CURRENT,
                "daily", DAILY,
                "timezone", "auto",
                "forecast_days", "1"))
            .map(body -> WeatherReadings.of(OpenMeteo.forecast(body), place.label(), System.currentTimeMillis() / 1000.0)))
        .onComplete(done -> client.close());
  }

  private Future<OpenMeteo.Place> locate(WebClient client) {
    if (config.coordinates().isPresent()) {
      return Future.succeededFuture(new OpenMeteo.Place(config.place(), "", config.coordinates().get()));
    }
    LocalMap<String, JsonObject> geocoded = vertx.sharedData().getLocalMap(GEOCODED);
    String key = config.geocodingUrl() + " " + config.location();
    JsonObject known = geocoded.get(key);
    if (known != null) {
      return Future.succeededFuture(new OpenMeteo.Place(known.getString("label"), "",
          new Coordinates(known.getDouble("latitude"), known.getDouble("longitude"))));
    }
    return get(client, config.geocodingUrl() + "/v1/search", Map.of(
            "name", config.location(), "count", "1", "language", "en", "format", "json"))
        .map(body -> OpenMeteo.firstPlace(body).orElseThrow(() -> new IllegalArgumentException(
            "weather location '" + config.location() + "' was not found by the geocoding service;"
                + " try another spelling or coordinates like 52.52,13.41")))
        .map(found -> {
          OpenMeteo.Place place = new OpenMeteo.Place(found.label(), "", found.coordinates());
          geocoded.put(key, new JsonObject().put("label", place.name())
              .put("latitude", place.coordinates().latitude()).put("longitude", place.coordinates().longitude()));
          resolved = config.withResolved(found);
          return place;
        });
  }

  /** The body of a 200 answer; any other answer fails with its status and Open-Meteo's reason. */
  private Future<String> get(WebClient client, String url, Map<String, String> query) {
    var request = client.getAbs(url).timeout(config.timeout().toMillis());
    query.forEach(request::addQueryParam);
    return request.send()
        .recover(error -> Future.failedFuture(new IllegalStateException(error instanceof TimeoutException
            ? "Open-Meteo did not answer within " + config.timeout().toMillis() + " ms (" + url + ")"
            : "cannot reach Open-Meteo at " + url + ": " + error.getMessage(), error)))
        .map(WeatherSource::bodyOf200);
  }

  private static String bodyOf200(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(OpenMeteo.describeFailure(response.statusCode(), text));
    }
    return text;
  }
}

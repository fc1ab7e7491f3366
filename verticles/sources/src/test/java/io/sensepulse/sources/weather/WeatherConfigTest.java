package io.sensepulse.sources.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WeatherConfigTest {

  private static WeatherConfig from(JsonObject section) {
    return WeatherConfig.from(new JsonObject().put("weather", section));
  }

  @Test
  void coordinatesNeedNoGeocoding() {
    WeatherConfig config = from(new JsonObject().put("location", " 52.520, 13.41 "));
    assertEquals(Optional.of(new Coordinates(52.52, 13.41)), config.coordinates());
    assertEquals("52.52,13.41", config.place());
    assertEquals("https://api.open-meteo.com", config.baseUrl());
    assertEquals("https://geocoding-api.open-meteo.com", config.geocodingUrl());
    assertEquals(10_000, config.timeout().toMillis());
  }

  @Test
  void cachedCoordinatesCountOnlyForTheLocationTheyWereResolvedFrom() {
    JsonObject cached = new JsonObject().put("location", "Berlin").put("latitude", 52.52437).put("longitude", 13.41053)
        .put("place", "Berlin, Germany").put("resolved_from", "Berlin");
    assertEquals(Optional.of(new Coordinates(52.52437, 13.41053)), from(cached).coordinates());
    assertEquals("Berlin, Germany", from(cached).place());
    assertEquals(Optional.empty(), from(cached.copy().put("location", "Paris")).coordinates());
    assertEquals(Optional.empty(), from(new JsonObject().put("location", "Berlin")).coordinates());
  }

  @Test
  void refusesWhatCannotWork() {
    assertEquals("weather.location is not set: coordinates like 52.52,13.41 or a place name (WEATHER_LOCATION)",
        assertThrows(IllegalArgumentException.class, () -> WeatherConfig.validate(new JsonObject())).getMessage());
    assertEquals("weather must be a JSON object with a location",
        assertThrows(IllegalArgumentException.class, () -> WeatherConfig.from(new JsonObject())).getMessage());
    assertEquals("latitude must be between -90 and 90, got 152.52", assertThrows(IllegalArgumentException.class,
        () -> WeatherConfig.validate(new JsonObject().put("location", "152.52,13.41"))).getMessage());
    assertEquals("weather: latitude and longitude go together", assertThrows(IllegalArgumentException.class,
        () -> WeatherConfig.validate(new JsonObject().put("location", "Berlin").put("latitude", 1))).getMessage());
    assertEquals("weather.base_url must be an http(s) URL such as https://api.open-meteo.com",
        assertThrows(IllegalArgumentException.class, () -> WeatherConfig.validate(
            new JsonObject().put("location", "Berlin").put("base_url", "ftp://example.com"))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> WeatherConfig.validate(
        new JsonObject().put("location", "Berlin").put("base_url", "https://user:pw@example.com")));
    assertThrows(IllegalArgumentException.class, () -> WeatherConfig.validate(
        new JsonObject().put("location", "Berlin").put("geocoding_url", "https://example.com/?key=1")));
    assertThrows(IllegalArgumentException.class, () -> WeatherConfig.validate(
        new JsonObject().put("location", "Ber\nlin")));
    assertThrows(IllegalArgumentException.class, () -> WeatherConfig.validate(
        new JsonObject().put("location", "Berlin").put("units", "metric")));
  }
}

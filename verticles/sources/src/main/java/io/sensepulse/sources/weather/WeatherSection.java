package io.sensepulse.sources.weather;

import io.sensepulse.common.ConfigSection;
import io.vertx.core.json.JsonObject;

/** Registers {@code config:weather} with its validator (see META-INF/services). */
public final class WeatherSection implements ConfigSection {
  @Override
  public String name() {
    return WeatherSource.ID;
  }

  @Override
  public JsonObject validate(JsonObject document) {
    return WeatherConfig.validate(document);
  }
}

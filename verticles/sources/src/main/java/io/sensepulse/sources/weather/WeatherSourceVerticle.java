package io.sensepulse.sources.weather;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Reading;
import io.sensepulse.common.source.EphemeralSourceVerticle;
import io.sensepulse.common.source.Source;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The weather source as an ephemeral verticle, catalogue name {@code source.weather}. Config:
 * {@code weather} ({@link WeatherConfig}) plus {@code run} and {@code refresh_interval}. After a
 * run that geocoded a place name it hands the config:weather document with the coordinates to the
 * hub ({@link Addresses#CONFIG_LEARNED}), which keeps it unless the location changed meanwhile.
 */
public class WeatherSourceVerticle extends EphemeralSourceVerticle {

  @Override
  protected Source createSource(JsonObject config) {
    WeatherSource weather = new WeatherSource(vertx, WeatherConfig.from(config));
    return new Source() {
      @Override
      public String id() {
        return weather.id();
      }

      @Override
      public Future<List<Reading>> poll() {
        return weather.poll().onSuccess(readings -> weather.resolvedLocation().ifPresent(document ->
            vertx.eventBus().publish(Addresses.CONFIG_LEARNED, new JsonObject()
                .put("section", WeatherConfig.SECTION)
                .put("document", document)
                .put("expect", new JsonObject().put("location", document.getString("resolved_from"))))));
      }
    };
  }
}

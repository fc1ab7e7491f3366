package io.sensepulse.sources.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.store.StoreVerticle;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The verticle as the orchestrator runs it, against a fake Open-Meteo and the store on a real redis-server. */
@ExtendWith(VertxExtension.class)
class WeatherSourceVerticleTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private Future<Store> deployStoreAndConnect(Vertx vertx) {
    return vertx.deployVerticle(new StoreVerticle(),
            new DeploymentOptions().setConfig(new JsonObject().put("node_id", "test-node").put("redis_url", redis.url())))
        .compose(id -> Store.create(vertx, redis.url()).start());
  }

  /** Deploys the source for one run and waits for its run-done message. */
  private static Future<JsonObject> run(Vertx vertx, JsonObject section, String run) {
    Promise<JsonObject> done = Promise.promise();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, message -> {
      if (run.equals(message.body().getString("run"))) {
        done.tryComplete(message.body());
      }
    });
    JsonObject config = new JsonObject().put("run", run).put("refresh_interval", 600).put("weather", section);
    return consumer.completion()
        .compose(registered -> vertx.deployVerticle(new WeatherSourceVerticle(), new DeploymentOptions().setConfig(config)))
        .compose(id -> done.future())
        .eventually(consumer::unregister);
  }

  @Test
  void aRunStoresReadingsAndOffersTheGeocodedPlaceThenAFailingUpstreamIsRecorded(Vertx vertx, VertxTestContext test) {
    Promise<JsonObject> resolved = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(io.sensepulse.common.Addresses.CONFIG_LEARNED, message -> resolved.tryComplete(message.body()));
    deployStoreAndConnect(vertx).compose(store -> FakeOpenMeteo.start(vertx).compose(fake ->
            run(vertx, fake.section("Berlin", 5_000), "ok").compose(ok -> {
              test.verify(() -> assertEquals(true, ok.getBoolean("ok"), ok.encode()));
              return Future.all(store.readings(WeatherSource.ID), store.status(WeatherSource.ID), resolved.future());
            }).compose(first -> {
              test.verify(() -> {
                JsonObject readings = first.resultAt(0);
                assertEquals(10, readings.size());
                assertEquals(21.4, readings.getJsonObject("temperature").getDouble("value"));
                assertEquals("°C", readings.getJsonObject("temperature").getString("unit"));
                assertEquals("cloudy", readings.getJsonObject("condition").getString("value"));
                assertEquals(true, readings.getJsonObject("is_day").getBoolean("value"));
                assertEquals("Berlin, Germany", readings.getJsonObject("location").getString("value"));
                JsonObject status = first.resultAt(1);
                assertNotNull(status.getDouble("last_success"));
                assertNull(status.getValue("last_error"));
                JsonObject offered = first.resultAt(2);
                assertEquals("weather", offered.getString("section"));
                assertEquals(52.52437, offered.getJsonObject("document").getDouble("latitude"));
                assertEquals("Berlin", offered.getJsonObject("document").getString("resolved_from"));
              });
              fake.answers.put(FakeOpenMeteo.FORECAST, FakeOpenMeteo.answering(500, "text/plain", "upstream down"));
              return run(vertx, fake.section("52.52,13.41", 5_000), "failing");
            }).eventually(fake::close))
        .compose(failing -> {
          test.verify(() -> assertFalse(failing.getBoolean("ok")));
          return store.status(WeatherSource.ID);
        })
        .eventually(store::close))
        .onComplete(test.succeeding(status -> test.verify(() -> {
          assertEquals("Open-Meteo answered 500: upstream down", status.getString("last_error"));
          assertNotNull(status.getDouble("last_error_at"));
          test.completeNow();
        })));
  }
}

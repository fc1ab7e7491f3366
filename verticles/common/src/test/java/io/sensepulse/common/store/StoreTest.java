package io.sensepulse.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Reading;
import io.sensepulse.common.RedisKeys;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class StoreTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();
  private Store store;

  @BeforeEach
  void connect(Vertx vertx, VertxTestContext test) {
    store = Store.create(vertx, redis.url());
    store.start().onComplete(test.succeedingThenComplete());
  }

  @AfterEach
  void close(VertxTestContext test) {
    store.close().onComplete(test.succeedingThenComplete());
  }

  @Test
  void readingsExpireAfterSixtySecondsAndArePublished(Vertx vertx, VertxTestContext test) {
    var published = test.checkpoint();
    vertx.eventBus().<JsonObject>consumer(Addresses.data("office"), message -> test.verify(() -> {
      JsonObject readings = message.body().getJsonObject("readings");
      assertEquals(812, readings.getJsonObject("desk:co2").getInteger("value"));
      assertEquals("office", message.body().getString("source"));
      published.flag();
    })).completion()
        .compose(ready -> store.writeReadings("office", List.of(
            new Reading("desk:co2", 812, "ppm", 1_700_000_000.5),
            new Reading("temperature", 21.5, "C", 1_700_000_000.5))))
        .compose(written -> store.ttl(RedisKeys.reading("office", "desk:co2")))
        .compose(ttl -> {
          test.verify(() -> assertTrue(ttl > 0 && ttl <= 60, "TTL " + ttl));
          return store.readings();
        })
        .onComplete(test.succeeding(all -> test.verify(() -> {
          JsonObject office = all.getJsonObject("office");
          assertEquals(new JsonObject().put("value", 812).put("unit", "ppm").put("timestamp", 1_700_000_000.5),
              office.getJsonObject("desk:co2"));
          assertEquals(21.5, office.getJsonObject("temperature").getDouble("value"));
        })));
  }

  @Test
  void readingsOfOneSourceLeaveOthersOut(VertxTestContext test) {
    store.writeReadings("alpha", List.of(Reading.of("x", 1, "")))
        .compose(done -> store.writeReadings("alphabet", List.of(Reading.of("y", 2, ""))))
        .compose(done -> store.readings("alpha"))
        .onComplete(test.succeeding(alpha -> test.verify(() -> {
          assertEquals(1, alpha.size());
          assertEquals(1, alpha.getJsonObject("x").getInteger("value"));
          test.completeNow();
        })));
  }

  @Test
  void statusUpdatesSentTogetherKeepEveryField(Vertx vertx, VertxTestContext test) {
    // Issued in one go, as a source and the orchestrator may: none may overwrite another's fields.
    vertx.getOrCreateContext().runOnContext(v -> {
      java.util.List<io.vertx.core.Future<JsonObject>> updates = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        updates.add(store.updateStatus("busy", new JsonObject().put("field_" + i, i)));
      }
      io.vertx.core.Future.all(updates).compose(all -> store.status("busy")).onComplete(test.succeeding(status -> test.verify(() -> {
        for (int i = 0; i < 20; i++) {
          assertEquals(i, status.getInteger("field_" + i), status.encode());
        }
        test.completeNow();
      })));
    });
  }

  @Test
  void statusMergesFieldsWithATwoMinuteTtl(VertxTestContext test) {
    store.updateStatus("system", new JsonObject().put("last_success", 100.0).put("refresh_interval", 30))
        .compose(first -> store.updateStatus("system", new JsonObject().put("last_error", "boom")))
        .compose(second -> store.ttl(RedisKeys.status("system")).map(ttl -> {
          test.verify(() -> assertTrue(ttl > 60 && ttl <= 120, "TTL " + ttl));
          return second;
        }))
        .compose(second -> store.statuses())
        .onComplete(test.succeeding(all -> test.verify(() -> {
          JsonObject system = all.getJsonObject("system");
          assertEquals(100.0, system.getDouble("last_success"));
          assertEquals("boom", system.getString("last_error"));
          assertEquals(30, system.getInteger("refresh_interval"));
          test.completeNow();
        })));
  }

  @Test
  void aSlowSourcesStatusOutlivesThreeOfItsIntervals(VertxTestContext test) {
    store.updateStatus("weather", new JsonObject().put("refresh_interval", 300))
        .compose(written -> store.ttl(RedisKeys.status("weather")))
        .onComplete(test.succeeding(ttl -> test.verify(() -> {
          assertTrue(ttl > 600 && ttl <= 900, "TTL " + ttl);
          test.completeNow();
        })));
  }

  @Test
  void seedingNeverOverwritesWhatAUserChanged(VertxTestContext test) {
    JsonObject users = new JsonObject().put("system", 5);
    store.putConfig("schedule_seed_test", users)
        .compose(done -> store.seedConfig("schedule_seed_test", new JsonObject().put("system", 30)))
        .compose(written -> {
          test.verify(() -> assertFalse(written));
          return store.seedConfig("fresh_section", new JsonObject().put("a", 1));
        })
        .compose(written -> {
          test.verify(() -> assertTrue(written));
          return Future.all(store.config("schedule_seed_test"), store.config("fresh_section"), store.config("never_written"));
        })
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertEquals(users, all.resultAt(0));
          assertEquals(new JsonObject().put("a", 1), all.resultAt(1));
          assertNull(all.resultAt(2));
          test.completeNow();
        })));
  }

  @Test
  void scanResultsExpireAfterSixtySeconds(VertxTestContext test) {
    store.putScan("co2", new JsonObject().put("devices", new io.vertx.core.json.JsonArray()))
        .compose(done -> store.ttl(RedisKeys.scan("co2")))
        .onComplete(test.succeeding(ttl -> test.verify(() -> {
          assertTrue(ttl > 0 && ttl <= 60, "TTL " + ttl);
          test.completeNow();
        })));
  }

  @Test
  void reconnectsAfterRedisIsKilledAndRestarted(Vertx vertx, VertxTestContext test) {
    store.ping()
        .compose(up -> {
          redis.stop();
          return store.ping().transform(result -> Future.succeededFuture(result));
        })
        .compose(whileDown -> {
          test.verify(() -> assertTrue(whileDown.failed(), "a command to a killed Redis must fail"));
          return untilFails(vertx);
        })
        .compose(unavailable -> {
          test.verify(() -> {
            assertInstanceOf(Store.StoreUnavailableException.class, unavailable);
            assertFalse(store.isConnected());
          });
          redis.start();
          return untilPingSucceeds(vertx);
        })
        .compose(back -> store.writeReadings("system", List.of(Reading.of("uptime", 1, "s"))))
        .compose(written -> store.readings("system"))
        .onComplete(test.succeeding(system -> test.verify(() -> {
          assertTrue(store.isConnected());
          assertEquals(1, system.getJsonObject("uptime").getInteger("value"));
          test.completeNow();
        })));
  }

  /** Retries ping until the store reports itself unavailable (the dead connection was dropped). */
  private Future<Throwable> untilFails(Vertx vertx) {
    Promise<Throwable> result = Promise.promise();
    long timer = vertx.setPeriodic(20, id -> store.ping().onFailure(error -> {
      if (error instanceof Store.StoreUnavailableException) {
        vertx.cancelTimer(id);
        result.tryComplete(error);
      }
    }));
    return result.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  /** Retries ping as a client would until the store has reconnected on its own. */
  private Future<Void> untilPingSucceeds(Vertx vertx) {
    Promise<Void> result = Promise.promise();
    vertx.setPeriodic(50, id -> store.ping().onSuccess(ok -> {
      vertx.cancelTimer(id);
      result.tryComplete();
    }));
    return result.future();
  }
}

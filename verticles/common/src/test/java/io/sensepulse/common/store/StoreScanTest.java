package io.sensepulse.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.RedisKeys;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class StoreScanTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private static Future<String> deployStore(Vertx vertx, String redisUrl) {
    return vertx.deployVerticle(new StoreVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put(PulseSettings.REDIS_URL, redisUrl)));
  }

  @Test
  void aScanIsKeptUnderItsKindWithItsTtl(Vertx vertx, VertxTestContext test) {
    JsonObject result = new JsonObject().put("devices", new JsonArray().add(new JsonObject().put("mac", "AA")));
    Store store = Store.create(vertx, redis.url());
    deployStore(vertx, redis.url())
        .compose(deployed -> store.start())
        .compose(started -> new StoreClient(vertx.eventBus()).putScan("co2", result))
        .compose(put -> Future.all(store.scan("co2"), store.ttl(RedisKeys.scan("co2"))))
        .eventually(store::close)
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertEquals(result, all.resultAt(0));
          long ttl = all.<Long>resultAt(1);
          assertTrue(ttl > 0 && ttl <= RedisKeys.SCAN_TTL.toSeconds(), "ttl " + ttl);
          test.completeNow();
        })));
  }

  @Test
  void aBadKindOrResultFails400(Vertx vertx, VertxTestContext test) {
    deployStore(vertx, redis.url())
        .compose(deployed -> Future.all(
            refusal(vertx, new JsonObject().put("kind", "CO2:x").put("result", new JsonObject())),
            refusal(vertx, new JsonObject().put("kind", "co2").put("result", new JsonArray())),
            refusal(vertx, new JsonObject().put("result", new JsonObject())),
            refusal(vertx, "co2")))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            assertEquals(StoreVerticle.BAD_REQUEST, all.<Integer>resultAt(i));
          }
          test.completeNow();
        })));
  }

  @Test
  void redisDownFails503(Vertx vertx, VertxTestContext test) {
    // Nothing listens on port 1: the store verticle starts, but every write fails.
    deployStore(vertx, "redis://127.0.0.1:1")
        .compose(deployed -> refusal(vertx, new JsonObject().put("kind", "co2").put("result", new JsonObject())))
        .onComplete(test.succeeding(code -> test.verify(() -> {
          assertEquals(StoreVerticle.UNAVAILABLE, code);
          test.completeNow();
        })));
  }

  private static Future<Integer> refusal(Vertx vertx, Object body) {
    return vertx.eventBus().request(Addresses.STORE_SCAN, body).transform(reply -> reply.succeeded()
        ? Future.failedFuture("expected a refusal, got " + reply.result().body())
        : Future.succeededFuture(((ReplyException) reply.cause()).failureCode()));
  }
}

package io.sensepulse.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pulse.store.config}: a section read over the bus from a real Redis. */
@ExtendWith(VertxExtension.class)
class StoreConfigTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private static Future<String> deployStore(Vertx vertx, String redisUrl) {
    return vertx.deployVerticle(new StoreVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put(PulseSettings.REDIS_URL, redisUrl)));
  }

  @Test
  void aStoredSectionIsReadAndAnUnwrittenOneIsNull(Vertx vertx, VertxTestContext test) {
    JsonObject schedule = new JsonObject().put("system", 42);
    Store store = Store.create(vertx, redis.url());
    StoreClient client = new StoreClient(vertx.eventBus());
    deployStore(vertx, redis.url())
        .compose(deployed -> store.start())
        .compose(started -> client.config(ConfigSections.SCHEDULE))
        .compose(unwritten -> store.putConfig(ConfigSections.SCHEDULE, schedule)
            .compose(put -> client.config(ConfigSections.SCHEDULE))
            .map(stored -> new JsonObject().put("unwritten", unwritten).put("stored", stored)))
        .eventually(store::close)
        .onComplete(test.succeeding(read -> test.verify(() -> {
          assertNull(read.getValue("unwritten"));
          assertEquals(schedule, read.getJsonObject("stored"));
          test.completeNow();
        })));
  }

  @Test
  void unknownSectionsSignInAndBadBodiesFail400(Vertx vertx, VertxTestContext test) {
    deployStore(vertx, redis.url())
        .compose(deployed -> Future.all(
            refusal(vertx, new JsonObject().put("section", "no_such_section")),
            refusal(vertx, new JsonObject().put("section", ConfigSections.AUTH)),
            refusal(vertx, new JsonObject().put("section", 7)),
            refusal(vertx, "schedule")))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            assertEquals(StoreVerticle.BAD_REQUEST, all.<Integer>resultAt(i), "refusal " + i);
          }
          test.completeNow();
        })));
  }

  @Test
  void redisDownFails503(Vertx vertx, VertxTestContext test) {
    deployStore(vertx, "redis://127.0.0.1:1")
        .compose(deployed -> refusal(vertx, new JsonObject().put("section", ConfigSections.SCHEDULE)))
        .onComplete(test.succeeding(code -> test.verify(() -> {
          assertEquals(StoreVerticle.UNAVAILABLE, code);
          test.completeNow();
        })));
  }

  private static Future<Integer> refusal(Vertx vertx, Object body) {
    return vertx.eventBus().request(Addresses.STORE_CONFIG, body).transform(reply -> reply.succeeded()
        ? Future.failedFuture("expected a refusal, got " + reply.result().body())
        : Future.succeededFuture(((ReplyException) reply.cause()).failureCode()));
  }
}

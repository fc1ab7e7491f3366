package io.sensepulse.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class LearnedConfigTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  @Test
  void whatASourceLearnedIsKeptOnlyWhileTheSectionIsAsItStartedFrom(Vertx vertx, VertxTestContext test) {
    Store store = Store.create(vertx, redis.url());
    JsonObject userSchedule = new JsonObject().put("system", 30);
    vertx.eventBus().<JsonObject>consumer(Addresses.CONFIG_CHANGED, changed -> store.config(ConfigSections.SCHEDULE)
        .onComplete(test.succeeding(stored -> test.verify(() -> {
          // Had the stale one been written, the fresh one's expectation would have failed instead.
          assertEquals(new JsonObject().put("system", 10), stored);
          test.completeNow();
        }))));
    store.start()
        .compose(started -> store.putConfig(ConfigSections.SCHEDULE, userSchedule))
        .compose(put -> vertx.deployVerticle(new StoreVerticle(),
            new DeploymentOptions().setConfig(new JsonObject().put(PulseSettings.REDIS_URL, redis.url()))))
        .onComplete(test.succeeding(deployed -> {
          vertx.eventBus().publish(Addresses.CONFIG_LEARNED, learned(99, 5));
          vertx.eventBus().publish(Addresses.CONFIG_LEARNED, new JsonObject().put("section", "nope"));
          vertx.eventBus().publish(Addresses.CONFIG_LEARNED, learned(10, 30));
        }));
  }

  private static JsonObject learned(int interval, int expected) {
    return new JsonObject().put("section", ConfigSections.SCHEDULE)
        .put("document", new JsonObject().put("system", interval))
        .put("expect", new JsonObject().put("system", expected));
  }
}

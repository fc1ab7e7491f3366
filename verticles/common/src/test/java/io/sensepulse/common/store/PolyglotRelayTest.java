package io.sensepulse.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A process outside the JVM (redis-cli here, a Python service on a rig) writes keys and PUBLISHes;
 * the store verticle relays the readings onto the bus.
 */
@ExtendWith(VertxExtension.class)
class PolyglotRelayTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private static final String READING = "{\"value\": 21.5, \"unit\": \"C\", \"timestamp\": 1700000000.5}";

  @BeforeEach
  void deployStore(Vertx vertx) {
    vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions()
        .setConfig(new JsonObject().put(PulseSettings.REDIS_URL, redis.url()))).await();
  }

  /** Runs redis-cli, as another process would; off the event loop. */
  private static Future<String> cli(Vertx vertx, String... args) {
    return vertx.executeBlocking(() -> {
      List<String> command = new java.util.ArrayList<>(List.of("redis-cli", "-p", String.valueOf(redis.port())));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("redis-cli " + args[0] + " failed: " + output);
      }
      return output;
    });
  }

  @Test
  void keysWrittenAndPublishedElsewhereReachTheBus(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(Addresses.data("py_climate"), message -> test.verify(() -> {
      assertEquals(new JsonObject().put("source", "py_climate")
          .put("readings", new JsonObject().put("desk:temperature", new JsonObject(READING))), message.body());
      test.completeNow();
    })).completion()
        .compose(ready -> cli(vertx, "SET", "source:py_climate:desk:temperature", READING, "EX", "60"))
        .compose(set -> cli(vertx, "PUBLISH", "data:py_climate", "updated"))
        .onFailure(test::failNow);
  }

  @Test
  void readingsCarriedInTheMessageAreRelayedAsTheyAre(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(Addresses.data("py_air"), message -> test.verify(() -> {
      assertEquals(new JsonObject(READING), message.body().getJsonObject("readings").getJsonObject("co2"));
      test.completeNow();
    })).completion()
        .compose(ready -> cli(vertx, "PUBLISH", "data:py_air", "{\"readings\": {\"co2\": " + READING + "}}"))
        .onFailure(test::failNow);
  }

  @Test
  void junkIsIgnoredAndTheRelayGoesOn(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(Addresses.data("after_junk"), message -> test.verify(() -> {
      assertEquals(new JsonObject(READING), message.body().getJsonObject("readings").getJsonObject("x"));
      test.completeNow();
    })).completion()
        .compose(ready -> cli(vertx, "PUBLISH", "data:Bad-Id", "{}"))
        .compose(sent -> cli(vertx, "PUBLISH", "data:", "x"))
        .compose(sent -> cli(vertx, "PUBLISH", "data:nokeys", "updated"))
        .compose(sent -> cli(vertx, "PUBLISH", "data:after_junk", "{\"readings\": {\"x\": {\"value\": [1]}}}"))
        .compose(sent -> cli(vertx, "SET", "source:after_junk:x", READING))
        .compose(sent -> cli(vertx, "PUBLISH", "data:after_junk", "not json"))
        .onFailure(test::failNow);
  }

  @Test
  void carriedReadingsAreValidated() {
    assertNull(PolyglotRelay.carriedReadings("{\"readings\": {\"co2\": {\"value\": 1}}}"), "no timestamp");
    assertNull(PolyglotRelay.carriedReadings("{\"readings\": []}"));
    assertNull(PolyglotRelay.carriedReadings("{" + " ".repeat(PolyglotRelay.MAX_BODY_CHARS) + "}"));
    assertEquals(new JsonObject().put("co2", new JsonObject(READING)),
        PolyglotRelay.carriedReadings("{\"readings\": {\"co2\": " + READING + "}}"));
  }

  @Test
  void resubscribesAfterRedisIsKilledAndRestarted(Vertx vertx, VertxTestContext test) {
    Promise<Void> relayed = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.data("back"), message -> relayed.tryComplete());
    redis.stop();
    redis.start();
    // Publish until the relay has resubscribed; a message sent before that reaches no one.
    long timer = vertx.setPeriodic(200, id -> cli(vertx, "PUBLISH", "data:back", "{\"readings\": {\"up\": " + READING + "}}"));
    relayed.future().onComplete(done -> {
      vertx.cancelTimer(timer);
      test.completeNow();
    });
  }
}

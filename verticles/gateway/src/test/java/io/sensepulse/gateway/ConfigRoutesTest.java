package io.sensepulse.gateway;

import static io.sensepulse.gateway.ApiRoutesTest.assertApiJson;
import static io.sensepulse.gateway.ApiRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
class ConfigRoutesTest {
  private static final JsonObject SEEDED = new JsonObject().put("system", 30);

  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private TestGateway gateway;
  private Store store;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    store = Store.create(vertx, redis.url());
    TestGateway.deployOnEmptyStore(vertx, redis, store).onComplete(ctx.succeeding(deployed -> {
      gateway = deployed;
      ctx.completeNow();
    }));
  }

  @AfterEach
  void closeStore(VertxTestContext ctx) {
    store.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void neverWrittenSectionReadsAsEmpty(VertxTestContext ctx) {
    gateway.client().get("/api/config/schedule").send()
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(new JsonObject(), response.bodyAsJsonObject());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void writtenSectionReadsBack(VertxTestContext ctx) {
    store.putConfig(ConfigSections.SCHEDULE, SEEDED)
        .compose(done -> gateway.client().get("/api/config/schedule").send())
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(SEEDED, response.bodyAsJsonObject());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void unknownSectionIs404OnRead(VertxTestContext ctx) {
    gateway.client().get("/api/config/nope").send()
        .map(response -> {
          assertError(response, 404, "unknown config section 'nope'");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void validWriteIsStoredNormalisedAndAnnounced(Vertx vertx, VertxTestContext ctx) {
    Promise<JsonObject> announced = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.CONFIG_CHANGED, msg -> announced.tryComplete(msg.body()))
        .completion()
        .compose(registered -> put("/api/config/schedule", Buffer.buffer("{\"system\": 10, \"weather\": \"600\"}")))
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(new JsonObject().put("system", 10).put("weather", 600), response.bodyAsJsonObject());
          return null;
        })
        .compose(checked -> store.config(ConfigSections.SCHEDULE))
        .map(stored -> {
          assertEquals(new JsonObject().put("system", 10).put("weather", 600), stored);
          return null;
        })
        .compose(checked -> announced.future())
        .map(message -> {
          assertEquals(new JsonObject().put("section", "schedule"), message);
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private record BadWrite(String name, String path, Buffer body, int status, String errorPart) {}

  @Test
  void badWritesAreRefusedAndChangeNothing(Vertx vertx, VertxTestContext ctx) {
    List<BadWrite> cases = List.of(
        new BadWrite("malformed JSON", "/api/config/schedule", Buffer.buffer("{\"system\": 10"), 400, "not valid JSON"),
        new BadWrite("an array", "/api/config/schedule", Buffer.buffer("[1, 2]"), 400, "must be a JSON object, not an array"),
        new BadWrite("a string", "/api/config/schedule", Buffer.buffer("\"system\""), 400, "must be a JSON object, not a string"),
        new BadWrite("an empty body", "/api/config/schedule", Buffer.buffer(), 400, "it was empty"),
        new BadWrite("a negative interval", "/api/config/schedule", Buffer.buffer("{\"system\": -5}"), 400,
            "system must be between 1 and 86400, got -5"),
        new BadWrite("a fractional interval", "/api/config/schedule", Buffer.buffer("{\"system\": 2.5}"), 400,
            "system must be a whole number"),
        new BadWrite("a bad source id", "/api/config/schedule", Buffer.buffer("{\"Not:An-Id\": 5}"), 400,
            "invalid source id 'Not:An-Id'"),
        new BadWrite("an unknown section", "/api/config/nope", Buffer.buffer("{\"system\": 10}"), 404,
            "unknown config section 'nope'"),
        new BadWrite("a 100 KiB body", "/api/config/schedule", hugeDocument(100 * 1024), 413,
            "larger than the " + Replies.BODY_LIMIT + " byte limit"));

    // config.changed is published before the gateway answers; a sentinel published after the
    // last bad write must therefore be the first message seen if the bad writes published nothing.
    JsonObject sentinel = new JsonObject().put("section", "sentinel");
    Promise<JsonObject> firstChange = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.CONFIG_CHANGED, msg -> firstChange.tryComplete(msg.body()));

    Future<Void> chain = store.putConfig(ConfigSections.SCHEDULE, SEEDED);
    for (BadWrite bad : cases) {
      chain = chain
          .compose(previous -> put(bad.path(), bad.body()))
          .map(response -> {
            try {
              assertError(response, bad.status(), bad.errorPart());
            } catch (AssertionError e) {
              throw new AssertionError(bad.name() + ": " + e.getMessage(), e);
            }
            return null;
          })
          .compose(checked -> store.config(ConfigSections.SCHEDULE))
          .map(stored -> {
            assertEquals(SEEDED, stored, bad.name() + " changed Redis");
            return null;
          });
    }
    chain
        .map(all -> {
          vertx.eventBus().publish(Addresses.CONFIG_CHANGED, sentinel);
          return null;
        })
        .compose(published -> firstChange.future())
        .map(first -> {
          assertEquals(sentinel, first, "a refused write published config.changed");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private Future<io.vertx.ext.web.client.HttpResponse<Buffer>> put(String path, Buffer body) {
    return gateway.client().put(path).putHeader("Content-Type", "application/json").sendBuffer(body);
  }

  /** A valid schedule document, apart from its size. */
  private static Buffer hugeDocument(int bytes) {
    StringBuilder json = new StringBuilder("{\"system\": 10");
    for (int i = 0; json.length() < bytes; i++) {
      json.append(", \"source_").append(i).append("\": 10");
    }
    return Buffer.buffer(json.append('}').toString());
  }
}

package io.sensepulse.gateway;

import static io.sensepulse.gateway.ApiRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each test gets its own Redis, since one of them kills it. */
@ExtendWith(VertxExtension.class)
class HealthTest {
  private RedisServer redis;
  private TestGateway gateway;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    redis = RedisServer.startNew();
    TestGateway.deploy(vertx, redis).onComplete(ctx.succeeding(deployed -> {
      gateway = deployed;
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Test
  void allChecksUp(VertxTestContext ctx) {
    gateway.client().get("/health").send()
        .map(response -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          JsonObject body = response.bodyAsJsonObject();
          assertEquals("UP", body.getString("status"));
          assertEquals(Map.of("redis", "UP", "cluster", "UP", "event-loop", "UP"), statuses(body));
          JsonObject cluster = check(body, "cluster");
          assertEquals(false, cluster.getJsonObject("data").getBoolean("clustered"));
          JsonObject eventLoop = check(body, "event-loop").getJsonObject("data");
          assertEquals(HealthProcedures.EVENT_LOOP_MAX_DELAY_MS, eventLoop.getLong("limit_ms"));
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void redisDownIs503AndApiSaysSo(Vertx vertx, VertxTestContext ctx) {
    redis.stop();
    gateway.client().get("/health").send()
        .map(response -> {
          assertEquals(503, response.statusCode(), response.bodyAsString());
          JsonObject body = response.bodyAsJsonObject();
          assertEquals("DOWN", body.getString("status"));
          assertEquals(Map.of("redis", "DOWN", "cluster", "UP", "event-loop", "UP"), statuses(body));
          return null;
        })
        .compose(checked -> firstNon200(vertx, "/api/readings"))
        .map(response -> {
          assertError(response, 503, "Redis is unavailable");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  /**
   * The store notices the lost connection asynchronously; asks again (every 50 ms, a few times at
   * most) until the answer is no longer a success, and returns that answer.
   */
  private Future<HttpResponse<Buffer>> firstNon200(Vertx vertx, String path) {
    Promise<HttpResponse<Buffer>> result = Promise.promise();
    ask(vertx, path, 40, result);
    return result.future();
  }

  private void ask(Vertx vertx, String path, int triesLeft, Promise<HttpResponse<Buffer>> result) {
    gateway.client().get(path).send().onComplete(response -> {
      if (response.statusCode() != 200 || triesLeft == 0) {
        result.complete(response);
      } else {
        vertx.setTimer(50, id -> ask(vertx, path, triesLeft - 1, result));
      }
    }, result::fail);
  }

  private static Map<String, String> statuses(JsonObject health) {
    return health.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .collect(Collectors.toMap(check -> check.getString("id"), check -> check.getString("status")));
  }

  private static JsonObject check(JsonObject health, String id) {
    return health.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .filter(check -> id.equals(check.getString("id")))
        .findFirst()
        .orElseThrow();
  }
}

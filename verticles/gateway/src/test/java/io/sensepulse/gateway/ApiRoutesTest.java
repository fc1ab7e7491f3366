package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.Reading;
import io.sensepulse.common.RedisKeys;
import io.sensepulse.common.node.NodeAgentVerticle;
import io.sensepulse.common.node.NodeRegistryVerticle;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class ApiRoutesTest {
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
  void readingsAreGroupedBySourceAndSensor(VertxTestContext ctx) {
    Reading cpu = new Reading("cpu_percent", 12.5, "%", 1_700_000_000.25);
    Reading co2 = new Reading("office:co2", 640, "ppm", 1_700_000_001.5);
    Reading radon = new Reading("office:radon", 12, "Bq/m3", 1_700_000_001.5);
    store.writeReadings("system", List.of(cpu))
        .compose(done -> store.writeReadings("airthings", List.of(co2, radon)))
        .compose(done -> get("/api/readings"))
        .map(response -> {
          assertApiJson(response, 200);
          JsonObject expected = new JsonObject()
              .put("system", new JsonObject().put("cpu_percent", cpu.toJson()))
              .put("airthings", new JsonObject().put("office:co2", co2.toJson()).put("office:radon", radon.toJson()));
          assertEquals(expected, response.bodyAsJsonObject());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void readingsOfOneSource(VertxTestContext ctx) {
    Reading co2 = new Reading("office:co2", 640, "ppm", 1_700_000_001.5);
    store.writeReadings("airthings", List.of(co2))
        .compose(done -> store.writeReadings("system", List.of(Reading.of("load_1m", 0.5, ""))))
        .compose(done -> get("/api/readings/airthings"))
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(new JsonObject().put("office:co2", co2.toJson()), response.bodyAsJsonObject());
          return null;
        })
        .compose(checked -> get("/api/readings/nothing_here"))
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(new JsonObject(), response.bodyAsJsonObject(), "a source without current readings has none");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void badSourceIdIsRejected(VertxTestContext ctx) {
    get("/api/readings/Bad-Id")
        .map(response -> {
          assertError(response, 400, "invalid source id 'Bad-Id'");
          return null;
        })
        .compose(checked -> get("/api/readings/a%3Ab"))
        .map(response -> {
          assertError(response, 400, "invalid source id 'a:b'");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void historyOfAWrittenReadingOldestFirst(VertxTestContext ctx) {
    double now = System.currentTimeMillis() / 1000.0;
    store.writeReadings("aranet", List.of(new Reading("office:co2", 800, "ppm", now - 120)))
        .compose(done -> store.writeReadings("aranet", List.of(new Reading("office:co2", 1500, "ppm", now))))
        .compose(done -> get("/api/history/aranet/office:co2"))
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(new JsonArray().add(new JsonArray().add(now - 120).add(800)).add(new JsonArray().add(now).add(1500)),
              response.bodyAsJsonArray());
          return null;
        })
        .compose(checked -> get("/api/history/aranet/office%3Aco2"))
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(2, response.bodyAsJsonArray().size(), "an encoded ':' names the same sensor");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void historyOfAnUnknownSensorIsEmpty(VertxTestContext ctx) {
    get("/api/history/nothing_here/cpu_percent")
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(new JsonArray(), response.bodyAsJsonArray());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void historyWithBadIdsIsRejected(VertxTestContext ctx) {
    get("/api/history/Bad-Id/cpu_percent")
        .map(response -> {
          assertError(response, 400, "invalid source id 'Bad-Id'");
          return null;
        })
        .compose(checked -> get("/api/history/system/cpu%2A"))
        .map(response -> {
          assertError(response, 400, "invalid sensor name");
          return null;
        })
        .compose(checked -> get("/api/history/system/cpu%20percent"))
        .map(response -> {
          assertError(response, 400, "invalid sensor name");
          return null;
        })
        .compose(checked -> get("/api/history/system/" + "x".repeat(ApiRoutes.SENSOR_MAX_LENGTH + 1)))
        .map(response -> {
          assertError(response, 400, "invalid sensor name");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void statusOfEverySource(VertxTestContext ctx) {
    store.updateStatus("system", new JsonObject().put("last_success", 1_700_000_000.0).put("readings", 7))
        .compose(done -> get("/api/status"))
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(new JsonObject().put("system", new JsonObject().put("last_success", 1_700_000_000.0).put("readings", 7)),
              response.bodyAsJsonObject());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void sourcesJoinCatalogueScheduleReadingsAndStatus(VertxTestContext ctx) {
    store.putConfig(ConfigSections.SCHEDULE, new JsonObject().put("system", 30).put("weather", 600))
        .compose(done -> store.writeReadings("airthings", List.of(Reading.of("office:co2", 640, "ppm"))))
        .compose(done -> store.updateStatus("sensehat", new JsonObject().put("pattern", "persistent").put("refresh_interval", 5)))
        // The orchestrator's own status is not a source.
        .compose(done -> store.updateStatus(RedisKeys.ORCHESTRATOR_STATUS_ID, new JsonObject().put("running", new JsonArray())))
        .compose(done -> get("/api/sources"))
        .map(response -> {
          assertApiJson(response, 200);
          JsonArray expected = new JsonArray()
              .add(source("airthings", null, null))
              .add(source("sensehat", "persistent", 5))
              .add(source("system", "ephemeral", 30))
              .add(source("weather", "ephemeral", 600));
          assertEquals(expected, response.bodyAsJsonArray());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void sourcesNeitherScheduledNorHeardFromAreLeftOut(VertxTestContext ctx) {
    get("/api/sources")
        .map(response -> {
          assertApiJson(response, 200);
          assertEquals(new JsonArray(), response.bodyAsJsonArray());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void nodesComeFromTheRegistry(Vertx vertx, VertxTestContext ctx) {
    JsonObject nodeConfig = new JsonObject().put(PulseSettings.NODE_ID, "pi-hub").put(PulseSettings.ROLE, "hub");
    Promise<Void> announced = Promise.promise();
    MessageConsumer<JsonObject> changes = vertx.eventBus().consumer(Addresses.NODES_CHANGED, msg -> {
      if (msg.body().getJsonArray("nodes").size() > 0) {
        announced.tryComplete();
      }
    });
    changes.completion()
        .compose(registered -> vertx.deployVerticle(new NodeRegistryVerticle(), new DeploymentOptions().setConfig(nodeConfig)))
        .compose(registry -> vertx.deployVerticle(new NodeAgentVerticle(), new DeploymentOptions().setConfig(nodeConfig)))
        .compose(agent -> announced.future())
        .compose(seen -> get("/api/nodes"))
        .map(response -> {
          assertApiJson(response, 200);
          JsonArray nodes = response.bodyAsJsonArray();
          assertEquals(1, nodes.size(), nodes.encode());
          JsonObject node = nodes.getJsonObject(0);
          assertEquals("pi-hub", node.getString("id"));
          assertEquals("hub", node.getString("role"));
          assertNotNull(node.getString("host"));
          assertNotNull(node.getJsonArray("verticles"));
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void nodesAre503WithoutARegistry(VertxTestContext ctx) {
    get("/api/nodes")
        .map(response -> {
          assertError(response, 503, "no node registry is running");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void nodesAre503WhenTheRegistryDoesNotAnswer(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().consumer(Addresses.NODES_LIST, msg -> { /* swallows the request: a hung registry */ })
        .completion()
        .compose(registered -> get("/api/nodes"))
        .map(response -> {
          assertError(response, 503, "did not answer within " + ApiRoutes.NODES_TIMEOUT_MS + " ms");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void nodesAre502WhenTheRegistryAnswersNonsense(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().consumer(Addresses.NODES_LIST, msg -> msg.reply(new JsonObject().put("nodes", "not a list")))
        .completion()
        .compose(registered -> get("/api/nodes"))
        .map(response -> {
          assertError(response, 502, "without a node list");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void unknownApiPathIsAJson404(VertxTestContext ctx) {
    get("/api/nope")
        .map(response -> {
          assertError(response, 404, "no API endpoint GET /api/nope");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> get(String path) {
    return gateway.client().get(path).send();
  }

  private static JsonObject source(String id, String pattern, Integer interval) {
    return new JsonObject().put("id", id).put("pattern", pattern).put("interval", interval);
  }

  static void assertApiJson(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("Content-Type"));
    assertEquals("no-store", response.getHeader("Cache-Control"));
  }

  static void assertError(HttpResponse<Buffer> response, int status, String messagePart) {
    assertApiJson(response, status);
    String error = response.bodyAsJsonObject().getString("error");
    assertNotNull(error, response.bodyAsString());
    assertTrue(error.contains(messagePart), "error '" + error + "' should contain '" + messagePart + "'");
  }
}

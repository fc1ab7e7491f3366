package io.sensepulse.gateway;

import static io.sensepulse.gateway.ApiRoutesTest.assertApiJson;
import static io.sensepulse.gateway.ApiRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/rig against a stand-in coordinator and recorder on the bus (sign-in off; AuthTest covers the refusals). */
@ExtendWith(VertxExtension.class)
class RigRoutesTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private TestGateway gateway;
  /** What the stand-in coordinator received. */
  private final List<JsonObject> coordinatorGot = new CopyOnWriteArrayList<>();

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    TestGateway.deploy(vertx, redis).onComplete(ctx.succeeding(deployed -> {
      gateway = deployed;
      ctx.completeNow();
    }));
  }

  /** Answers like the coordinator: a refusal for session "busy-day", a partial start otherwise. */
  private Future<Void> coordinator(Vertx vertx) {
    return vertx.eventBus().<JsonObject>consumer(Addresses.RIG_COORDINATOR, message -> {
      JsonObject request = message.body();
      coordinatorGot.add(request);
      switch (request.getString("action")) {
        case "status" -> message.reply(new JsonObject().put("nodes", new JsonObject()
            .put("CAM_L", new JsonObject().put("state", "idle"))).put("ready", true));
        case "start" -> message.reply("busy-day".equals(request.getString("session"))
            ? new JsonObject().put("outcome", "refused").put("error", "not starting: CAM_R is not on the cluster")
            : new JsonObject().put("outcome", "partial").put("session", request.getString("session"))
                .put("nodes", new JsonObject().put("CAM_L", new JsonObject().put("status", "ok"))
                    .put("CAM_R", new JsonObject().put("status", "error").put("error", "no answer within 3000 ms"))));
        case "stop" -> message.reply(new JsonObject().put("outcome", "failed").put("error", "no recorder node is on the cluster"));
        default -> message.fail(400, "action must be status, start or stop");
      }
    }).completion();
  }

  @Test
  void statusStartAndStopAreTheCoordinatorsAnswersWithTheirHttpStatus(Vertx vertx, VertxTestContext ctx) {
    var client = gateway.client();
    coordinator(vertx)
        .compose(ready -> client.get("/api/rig").send())
        .compose(status -> {
          assertApiJson(status, 200);
          assertEquals("idle", status.bodyAsJsonObject().getJsonObject("nodes").getJsonObject("CAM_L").getString("state"));
          return client.post("/api/rig/start").sendJsonObject(new JsonObject().put("session", "match-1"));
        })
        .compose(partial -> {
          assertApiJson(partial, 200);
          assertEquals("no answer within 3000 ms",
              partial.bodyAsJsonObject().getJsonObject("nodes").getJsonObject("CAM_R").getString("error"));
          assertEquals(new JsonObject().put("action", "start").put("session", "match-1"), coordinatorGot.get(1));
          return client.post("/api/rig/start").sendJsonObject(new JsonObject().put("session", "busy-day"));
        })
        .compose(refused -> {
          assertError(refused, 409, "CAM_R is not on the cluster");
          // No body: the coordinator picks the session name.
          return client.post("/api/rig/start").send();
        })
        .compose(unnamed -> {
          assertApiJson(unnamed, 200);
          assertEquals(null, coordinatorGot.get(3).getValue("session"));
          return client.post("/api/rig/stop").send();
        })
        .onComplete(ctx.succeeding(stopped -> ctx.verify(() -> {
          assertError(stopped, 502, "no recorder node");
          ctx.completeNow();
        })));
  }

  @Test
  void badBodiesNeverReachTheBus(Vertx vertx, VertxTestContext ctx) {
    var client = gateway.client();
    coordinator(vertx)
        .compose(ready -> client.post("/api/rig/start").sendBuffer(Buffer.buffer("{\"session\":")))
        .compose(notJson -> {
          assertError(notJson, 400, "not valid JSON");
          return client.post("/api/rig/start").sendJsonObject(new JsonObject().put("session", 7));
        })
        .compose(notText -> {
          assertError(notText, 400, "session must be a string");
          return client.post("/api/rig/start").sendJsonObject(new JsonObject().put("session", "a").put("force", true));
        })
        .compose(unknownField -> {
          assertError(unknownField, 400, "unknown field 'force'");
          return client.post("/api/rig/stop").sendBuffer(Buffer.buffer("[]"));
        })
        .compose(array -> {
          assertError(array, 400, "not an array");
          return client.post("/api/rig/CAM_L/reboot").send();
        })
        .compose(unknownAction -> {
          assertError(unknownAction, 404, "lockview, selftest");
          return client.post("/api/rig/CAM%20L/selftest").send();
        })
        .onComplete(ctx.succeeding(badNode -> ctx.verify(() -> {
          assertError(badNode, 400, "invalid node id");
          assertEquals(List.of(), coordinatorGot);
          ctx.completeNow();
        })));
  }

  @Test
  void nodeActionsGoToThatRecorderAndAMissingOneIs503(Vertx vertx, VertxTestContext ctx) {
    var client = gateway.client();
    vertx.eventBus().<JsonObject>consumer(Addresses.rigNode("CAM_L"), message -> message.reply(
            "selftest".equals(message.body().getString("action"))
                ? new JsonObject().put("status", "ok").put("data", new JsonObject().put("passed", true))
                : new JsonObject().put("status", "error").put("error", "no camera to lock")))
        .completion()
        .compose(ready -> client.post("/api/rig/CAM_L/selftest").send())
        .compose(selftest -> {
          assertApiJson(selftest, 200);
          assertEquals(true, selftest.bodyAsJsonObject().getJsonObject("data").getBoolean("passed"));
          return client.post("/api/rig/CAM_L/lockview").send();
        })
        .compose(lockview -> {
          assertError(lockview, 502, "no camera to lock");
          return client.post("/api/rig/CAM_Z/lockview").send();
        })
        .compose(missing -> {
          assertError(missing, 503, "no recorder CAM_Z");
          return client.get("/api/rig").send();
        })
        .onComplete(ctx.succeeding(noCoordinator -> ctx.verify(() -> {
          assertError(noCoordinator, 503, "no rig coordinator");
          ctx.completeNow();
        })));
  }
}

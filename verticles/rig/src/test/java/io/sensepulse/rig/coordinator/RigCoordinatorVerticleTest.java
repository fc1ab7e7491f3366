package io.sensepulse.rig.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.BusMessages;
import io.sensepulse.rig.sync.SyncVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The coordinator against a stub registry and stub recorders on the bus. */
@ExtendWith(VertxExtension.class)
class RigCoordinatorVerticleTest {
  private static final List<String> RIG = List.of("CAM_L", "CAM_C", "CAM_R");
  private final StubRecorders recorders = new StubRecorders(RIG);

  private Future<String> deploy(Vertx vertx, JsonObject extra) {
    JsonObject config = new JsonObject().put("node_id", "hub").put(CoordinatorSettings.NODE_TIMEOUT_MS, 400).mergeIn(extra);
    return recorders.start(vertx)
        .compose(ready -> vertx.deployVerticle(new RigCoordinatorVerticle(), new DeploymentOptions().setConfig(config)));
  }

  private static Future<JsonObject> ask(Vertx vertx, JsonObject request) {
    return vertx.eventBus().<JsonObject>request(Addresses.RIG_COORDINATOR, request).map(reply -> reply.body());
  }

  @Test
  void statusGathersEveryNodeAndTheirDisagreements(Vertx vertx, VertxTestContext test) {
    recorders.statuses.get("CAM_R").put("clock_offset_ms", 180.0);
    deploy(vertx, new JsonObject())
        .compose(id -> ask(vertx, new JsonObject().put("action", "status")))
        .onComplete(test.succeeding(status -> test.verify(() -> {
          assertEquals(RIG, List.copyOf(status.getJsonObject("nodes").fieldNames()));
          assertEquals("idle", status.getJsonObject("nodes").getJsonObject("CAM_L").getString("state"));
          assertTrue(status.getBoolean("ready"), status.encode());
          assertEquals(1, status.getJsonArray("disagreements").size(), status.encode());
          JsonObject disagreement = status.getJsonArray("disagreements").getJsonObject(0);
          assertEquals("CAM_R", disagreement.getString("node"));
          assertEquals("sync", disagreement.getString("kind"));
          test.completeNow();
        })));
  }

  @Test
  void aStartIsRefusedWholeWhenANodeIsNotReadySayingWhichAndWhy(Vertx vertx, VertxTestContext test) {
    recorders.statuses.get("CAM_R").put("errors", new io.vertx.core.json.JsonArray().add("disk full"));
    // what CAM_L's own guard rails would refuse, as its status lists it
    recorders.statuses.get("CAM_L").put("clock_offset_ms", 250.2).put("refusals", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("reason", "clock_offset").put("message", "clock offset 250.2 ms to CAM_C is above 50.0 ms")));
    deploy(vertx, new JsonObject())
        .compose(id -> ask(vertx, new JsonObject().put("action", "start").put("session", "match-1")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertEquals("refused", reply.getString("outcome"));
          assertEquals("not starting: CAM_L would refuse a start: clock offset 250.2 ms to CAM_C is above 50.0 ms; "
              + "CAM_R reports errors: disk full", reply.getString("error"));
          assertEquals("reports errors: disk full", reply.getJsonObject("not_ready").getString("CAM_R"));
          RIG.forEach(node -> assertEquals(0, recorders.count(node, "start"), node));
          test.completeNow();
        })));
  }

  @Test
  void everyNodeGetsTheSameInstantOnTheMastersClockAndTheBeepFollows(Vertx vertx, VertxTestContext test) {
    // The hub's clock is 40 ms ahead of CAM_C's: the instant is told in CAM_C's time.
    vertx.sharedData().getLocalMap(SyncVerticle.CLOCK_MAP).put(SyncVerticle.OFFSET_KEY,
        new JsonObject().put("offset_ms", 40.0).put("confidence_ms", 0.2).put("source", "bus").put("measured_at", 1.0));
    double before = System.currentTimeMillis();
    deploy(vertx, new JsonObject().put(CoordinatorSettings.START_BEEP, true).put(CoordinatorSettings.START_LEAD_MS, 1500))
        .compose(id -> ask(vertx, new JsonObject().put("action", "start").put("session", "match-2")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          double after = System.currentTimeMillis();
          assertEquals("started", reply.getString("outcome"), reply.encode());
          long startAt = reply.getLong("start_at");
          assertTrue(startAt >= before - 40 + 1500 - 1 && startAt <= after - 40 + 1500 + 1, reply.encode());
          assertEquals("bus", reply.getString("clock_source"));
          for (String node : RIG) {
            JsonObject sent = recorders.received.get(node).get(1);
            assertEquals("start", sent.getString("action"));
            assertEquals("match-2", sent.getString("session"));
            assertEquals(startAt, sent.getLong("start_at"));
            assertEquals("ok", reply.getJsonObject("nodes").getJsonObject(node).getString("status"));
          }
          assertEquals(1, recorders.count("CAM_C", "beep"));
          assertEquals(0, recorders.count("CAM_L", "beep"));
          test.completeNow();
        })));
  }

  @Test
  void aNodeFailingDuringTheStartIsReportedAloneAndTheOthersGoOn(Vertx vertx, VertxTestContext test) {
    deploy(vertx, new JsonObject().put(CoordinatorSettings.START_BEEP, true))
        .compose(id -> {
          recorders.answers.put("CAM_L", StubRecorders.Answer.REFUSE);
          recorders.answers.put("CAM_R", StubRecorders.Answer.SILENT);
          return ask(vertx, new JsonObject().put("action", "start").put("session", "match-3"));
        })
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertEquals("partial", reply.getString("outcome"), reply.encode());
          JsonObject nodes = reply.getJsonObject("nodes");
          assertEquals("ok", nodes.getJsonObject("CAM_C").getString("status"));
          assertEquals("battery too low", nodes.getJsonObject("CAM_L").getString("error"));
          assertEquals("no answer within 400 ms", nodes.getJsonObject("CAM_R").getString("error"));
          assertEquals("none", reply.getString("clock_source"));
          assertTrue(reply.getString("warning").contains("unknown"), reply.encode());
          // Not every node confirmed: no beep.
          assertEquals(0, recorders.count("CAM_C", "beep"));
          test.completeNow();
        })));
  }

  @Test
  void stopGoesToEveryNodeWithoutAReadinessCheck(Vertx vertx, VertxTestContext test) {
    recorders.statuses.get("CAM_L").put("state", "error");
    deploy(vertx, new JsonObject())
        .compose(id -> ask(vertx, new JsonObject().put("action", "stop")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertEquals("stopped", reply.getString("outcome"), reply.encode());
          assertTrue(reply.getLong("stop_at") > 0);
          RIG.forEach(node -> {
            assertEquals(1, recorders.count(node, "stop"), node);
            assertEquals(0, recorders.count(node, "status"), node);
          });
          test.completeNow();
        })));
  }

  @Test
  void aMissingExpectedNodeBlocksTheStart(Vertx vertx, VertxTestContext test) {
    deploy(vertx, new JsonObject().put(CoordinatorSettings.RIG_NODES, "CAM_L,CAM_C,CAM_R,CAM_X"))
        .compose(id -> ask(vertx, new JsonObject().put("action", "start")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertEquals("refused", reply.getString("outcome"));
          assertEquals("is not on the cluster", reply.getJsonObject("not_ready").getString("CAM_X"));
          assertTrue(reply.getString("session").startsWith("rig-"), reply.encode());
          assertFalse(reply.containsKey("start_at"));
          test.completeNow();
        })));
  }

  @Test
  void badRequestsAndASecondStartAtOnceAreRefused(Vertx vertx, VertxTestContext test) {
    deploy(vertx, new JsonObject())
        .compose(id -> expectFailure(vertx, new JsonObject().put("action", "dance"), BusMessages.BAD_REQUEST, "action"))
        .compose(ok -> expectFailure(vertx, new JsonObject().put("action", "start").put("session", "../x"),
            BusMessages.BAD_REQUEST, "session"))
        .compose(ok -> {
          // CAM_R stays silent, so the first start lasts the node timeout; the second comes meanwhile.
          recorders.answers.put("CAM_R", StubRecorders.Answer.SILENT);
          Future<JsonObject> first = ask(vertx, new JsonObject().put("action", "start"));
          Future<Void> second = whenStartArrives(vertx).compose(arrived -> expectFailure(vertx,
              new JsonObject().put("action", "stop"), RigCoordinatorVerticle.BUSY, "under way"));
          return Future.all(first, second).map(all -> first.result());
        })
        .onComplete(test.succeeding(first -> test.verify(() -> {
          assertEquals("partial", first.getString("outcome"));
          assertNull(first.getString("error"));
          test.completeNow();
        })));
  }

  /** Resolves once CAM_R received a start (the coordinator is then mid-start). */
  private Future<Void> whenStartArrives(Vertx vertx) {
    io.vertx.core.Promise<Void> arrived = io.vertx.core.Promise.promise();
    vertx.setPeriodic(5, id -> {
      if (recorders.count("CAM_R", "start") > 0) {
        vertx.cancelTimer(id);
        arrived.complete();
      }
    });
    return arrived.future();
  }

  private static Future<Void> expectFailure(Vertx vertx, JsonObject request, int code, String mentioning) {
    return ask(vertx, request).transform(result -> {
      if (result.succeeded()) {
        return Future.failedFuture("expected a failure for " + request.encode() + ", got " + result.result().encode());
      }
      ReplyException error = (ReplyException) result.cause();
      if (error.failureCode() != code || !error.getMessage().contains(mentioning)) {
        return Future.failedFuture("expected " + code + " mentioning " + mentioning + ", got " + error.failureCode() + " "
            + error.getMessage());
      }
      return Future.succeededFuture();
    });
  }
}

package io.sensepulse.rig.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.BusMessages;
import io.sensepulse.rig.testing.ClusteredVertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SyncVerticleTest {
  private static final double SKEW_MS = 250;

  @TempDir
  Path dir;

  private static JsonObject config(String nodeId, double skew) {
    return new JsonObject().put("node_id", nodeId).put(SyncSettings.CLOCK_SKEW_MS, skew)
        .put(SyncSettings.CHRONYC, "").put(SyncSettings.INTERVAL, 1);
  }

  private static Future<String> deploy(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new SyncVerticle(), new DeploymentOptions().setConfig(config));
  }

  /** Resolves with the node's offset entry once it satisfies the condition (checked every 20 ms). */
  static Future<JsonObject> offsetWhen(Vertx vertx, Predicate<JsonObject> condition) {
    Promise<JsonObject> found = Promise.promise();
    vertx.setPeriodic(20, id -> {
      Object entry = vertx.sharedData().getLocalMap(SyncVerticle.CLOCK_MAP).get(SyncVerticle.OFFSET_KEY);
      if (entry instanceof JsonObject offset && condition.test(offset)) {
        vertx.cancelTimer(id);
        found.tryComplete(offset);
      }
    });
    return found.future();
  }

  @Test
  void anOffsetInjectedIntoOneClusteredNodeIsRecoveredOverTheBus(VertxTestContext test) {
    ClusteredVertx cluster = new ClusteredVertx();
    Future<Vertx> master = cluster.start();
    Future<Vertx> left = master.compose(started -> cluster.start());
    left.compose(started -> deploy(master.result(), config("CAM_C", 0)))
        .compose(id -> deploy(left.result(), config("CAM_L", SKEW_MS)))
        .compose(id -> Future.all(offsetWhen(master.result(), offset -> true),
            offsetWhen(left.result(), offset -> "bus".equals(offset.getString("source")))))
        .onComplete(test.succeeding(both -> test.verify(() -> {
          JsonObject self = both.resultAt(0);
          assertEquals("self", self.getString("source"));
          assertEquals(0.0, self.getDouble("offset_ms"));
          JsonObject measured = both.resultAt(1);
          double error = measured.getDouble("offset_ms") - SKEW_MS;
          assertTrue(Math.abs(error) <= 2.0, "offset " + measured + " should be within 2 ms of " + SKEW_MS);
          // Both instances read the same system clock, so the only error is the trip's asymmetry.
          assertTrue(Math.abs(error) <= measured.getDouble("confidence_ms") + 0.01, measured.encode());
          assertTrue(measured.getDouble("measured_at") > 0);
          test.completeNow();
        })))
        .onComplete(done -> {
          if (master.succeeded()) {
            master.result().close();
          }
          if (left.succeeded()) {
            left.result().close();
          }
        });
  }

  @Test
  void theMasterAnswersPingsOnItsClockAndRefusesMalformedOnes(Vertx vertx, VertxTestContext test) {
    String address = Addresses.rigSyncPing("CAM_C");
    deploy(vertx, config("CAM_C", -40))
        .compose(id -> vertx.eventBus().<JsonObject>request(address, new JsonObject().put("t1", 5.0)))
        .compose(reply -> {
          test.verify(() -> {
            JsonObject body = reply.body();
            assertEquals(5.0, body.getDouble("t1"));
            double wall = System.currentTimeMillis() - 40;
            assertTrue(Math.abs(body.getDouble("t2") - wall) < 1000, body.encode());
            assertTrue(body.getDouble("t3") >= body.getDouble("t2"), body.encode());
          });
          return vertx.eventBus().request(address, new JsonObject().put("t1", "now"));
        })
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals(BusMessages.BAD_REQUEST, ((ReplyException) error).failureCode());
          assertTrue(error.getMessage().contains("t1"), error.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void aSynchronisedChronyIsPreferredOverTheBus(Vertx vertx, VertxTestContext test) throws Exception {
    Path chronyc = fakeChronyc("synced", ChronyTrackingTest.CLIENT_SYNCED);
    answerPingsBehindBy(vertx, 100)
        .compose(ready -> deploy(vertx, config("CAM_L", 0).put(SyncSettings.CHRONYC, chronyc.toString())))
        .compose(id -> offsetWhen(vertx, offset -> true))
        .onComplete(test.succeeding(offset -> test.verify(() -> {
          assertEquals("chrony", offset.getString("source"));
          assertEquals(0.012, offset.getDouble("offset_ms"));
          assertEquals(0.177, offset.getDouble("confidence_ms"));
          test.completeNow();
        })));
  }

  @Test
  void anUnsynchronisedChronyFallsBackToTheBus(Vertx vertx, VertxTestContext test) throws Exception {
    Path chronyc = fakeChronyc("unsynced", ChronyTrackingTest.UNSYNCHRONISED);
    answerPingsBehindBy(vertx, 100)
        .compose(ready -> deploy(vertx, config("CAM_L", 0).put(SyncSettings.CHRONYC, chronyc.toString())))
        .compose(id -> offsetWhen(vertx, offset -> true))
        .onComplete(test.succeeding(offset -> test.verify(() -> {
          assertEquals("bus", offset.getString("source"));
          assertEquals(100.0, offset.getDouble("offset_ms"), 2.0);
          test.completeNow();
        })));
  }

  @Test
  void withNeitherChronyNorAMasterTheNodeSaysWhyItHasNoOffset(Vertx vertx, VertxTestContext test) {
    JsonObject config = config("CAM_R", 0).put(SyncSettings.CHRONYC, dir.resolve("no-chronyc").toString())
        .put(SyncSettings.ROUNDS, 2).put(SyncSettings.PING_TIMEOUT_MS, 50);
    deploy(vertx, config).onComplete(test.succeeding(id -> vertx.setPeriodic(20, timer -> {
      var map = vertx.sharedData().getLocalMap(SyncVerticle.CLOCK_MAP);
      if (map.get(SyncVerticle.ERROR_KEY) instanceof String why) {
        vertx.cancelTimer(timer);
        test.verify(() -> {
          assertTrue(why.startsWith("no clock offset to CAM_C: chrony: "), why);
          assertTrue(why.endsWith("; CAM_C is not on the cluster"), why);
          assertEquals(null, map.get(SyncVerticle.OFFSET_KEY));
        });
        test.completeNow();
      }
    })));
  }

  @Test
  void badSettingsStopTheDeploymentNamingTheKey(Vertx vertx, VertxTestContext test) {
    deploy(vertx, config("CAM_L", 0).put(SyncSettings.CLOCK_SKEW_MS, "soon"))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertTrue(error.getMessage().contains(SyncSettings.CLOCK_SKEW_MS), error.getMessage());
          test.completeNow();
        })));
  }

  /** A stand-in master on the same Vert.x (one local map per Vert.x) whose clock is behindMs behind. */
  private static Future<Void> answerPingsBehindBy(Vertx vertx, double behindMs) {
    return vertx.eventBus().<JsonObject>consumer(Addresses.rigSyncPing("CAM_C"), message -> {
      double now = System.currentTimeMillis() - behindMs;
      message.reply(message.body().copy().put("t2", now).put("t3", now));
    }).completion();
  }

  /** A chronyc stand-in that prints the fixture line, as chronyc does, and exits 0. */
  private Path fakeChronyc(String name, String line) throws Exception {
    Path script = dir.resolve(name);
    Files.writeString(script, "#!/bin/sh\nprintf '%s' '" + line.strip() + "\n'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}

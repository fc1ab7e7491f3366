package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.node.NodeAgentVerticle;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.store.StoreVerticle;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The orchestrator with a real Redis, the real store verticle and the real node agent, whose
 * catalogue holds the {@link TestSources}. Everything synchronises on bus messages.
 */
@ExtendWith(VertxExtension.class)
class OrchestratorVerticleTest {
  private static final String NODE = "hub";

  private RedisServer redis;
  private Store store;

  @BeforeEach
  void setUp(Vertx vertx) {
    redis = RedisServer.startNew();
    JsonObject node = nodeConfig();
    vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions().setConfig(node)).await();
    vertx.deployVerticle(new NodeAgentVerticle(),
        new DeploymentOptions().setConfig(node.copy().put(NodeAgentVerticle.CATALOG, TestSources.catalog()))).await();
    store = Store.create(vertx, redis.url()).start().await();
  }

  @AfterEach
  void tearDown(Vertx vertx) throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    redis.close();
  }

  private JsonObject nodeConfig() {
    return new JsonObject()
        .put(PulseSettings.NODE_ID, NODE)
        .put(PulseSettings.REDIS_URL, redis.url())
        .put(PulseSettings.ANNOUNCE_INTERVAL, 3600);
  }

  /** Orchestrator config seeding {@code schedule} (Redis starts empty, so the seed is what runs). */
  private JsonObject orchestratorConfig(JsonObject schedule, int sourceTimeout) {
    return nodeConfig()
        .put(PulseSettings.SOURCE_TIMEOUT, sourceTimeout)
        // Short, so tests that end with a hanging source close quickly.
        .put(OrchestratorVerticle.SHUTDOWN_GRACE, 1)
        .put(OrchestratorVerticle.SOURCES, TestSources.sources())
        .put(PulseSettings.SECTIONS, new JsonObject().put(ConfigSections.SCHEDULE, schedule));
  }

  private static Future<String> deploy(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new OrchestratorVerticle(), new DeploymentOptions().setConfig(config));
  }

  private static boolean isRunDone(Object body, String source, boolean ok) {
    JsonObject done = (JsonObject) body;
    return source.equals(done.getString("source")) && done.getBoolean("ok") == ok;
  }

  @Test
  void seedingNeverOverwritesTheUsersSchedule(Vertx vertx, VertxTestContext test) {
    store.putConfig(ConfigSections.SCHEDULE, new JsonObject().put("quick", 3600)).await();
    vertx.eventBus().<JsonObject>consumer(Addresses.status(OrchestratorVerticle.STATUS_ID), status -> {
      if (!status.body().getJsonObject("scheduled").isEmpty()) {
        test.verify(() -> assertEquals(new JsonObject().put("quick", 3600), status.body().getJsonObject("scheduled")));
        store.config(ConfigSections.SCHEDULE).onComplete(test.succeeding(schedule -> test.verify(() -> {
          assertEquals(new JsonObject().put("quick", 3600), schedule);
          test.completeNow();
        })));
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", "1").put("second", 5), 20))
        .onComplete(test.succeeding(id -> {}));
  }

  @Test
  void invalidSeedsAreDroppedAndTheRestIsSeeded(Vertx vertx) {
    JsonObject config = orchestratorConfig(new JsonObject().put("quick", "2").put("second", "often").put("Bad-Id", 5), 20);
    config.getJsonObject(PulseSettings.SECTIONS).put("bogus", new JsonObject().put("x", 1));
    deploy(vertx, config).await();
    assertEquals(new JsonObject().put("quick", 2), store.config(ConfigSections.SCHEDULE).await());
    assertNull(store.config("bogus").await());
  }

  @Test
  void anInvalidAuthSeedIsNotSeededAtAllRatherThanHalfway(Vertx vertx) {
    JsonObject config = orchestratorConfig(new JsonObject().put("quick", 2), 20);
    config.getJsonObject(PulseSettings.SECTIONS).put(ConfigSections.AUTH, new JsonObject()
        .put("enabled", "true")
        .put("anonymous_read", "false")
        .put("users", new JsonArray().add(new JsonObject().put("username", "coach").put("password_hash", "not-bcrypt"))));
    deploy(vertx, config).await();
    assertNull(store.config(ConfigSections.AUTH).await(), "a partial auth section would leave the hub unlocked");
    assertEquals(new JsonObject().put("quick", 2), store.config(ConfigSections.SCHEDULE).await());
  }

  @Test
  void invalidSourcesConfigFailsTheDeployment(Vertx vertx) {
    JsonObject config = orchestratorConfig(new JsonObject(), 20)
        .put(OrchestratorVerticle.SOURCES, new JsonArray().add(new JsonObject().put("id", "Bad Id").put("verticle", "x")));
    Throwable error = deploy(vertx, config).toCompletionStage().toCompletableFuture().handle((id, e) -> e).join();
    assertNotNull(error);
    assertTrue(error.getMessage().contains("invalid source id 'Bad Id'"), error.getMessage());
  }

  @Test
  void triggersAtStartUp(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, done -> {
      if (isRunDone(done.body(), "quick", true)) {
        store.status("quick").onComplete(test.succeeding(status -> test.verify(() -> {
          assertNotNull(status.getValue("last_success"), "the source wrote its status through the store verticle");
          assertEquals(3600, status.getInteger("refresh_interval"));
          test.completeNow();
        })));
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 3600), 20)).onComplete(test.succeeding(id -> {}));
  }

  @Test
  void aSourceIsHandedItsOwnConfigSection(Vertx vertx, VertxTestContext test) {
    JsonObject section = new JsonObject().put("url", "http://pi.hole");
    vertx.eventBus().<JsonObject>consumer(TestSources.STARTED, started -> {
      if ("quick".equals(started.body().getString("source"))) {
        test.verify(() -> assertEquals(section, started.body().getJsonObject("section")));
        test.completeNow();
      }
    });
    store.putConfig("quick", section)
        .compose(stored -> deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 3600), 20)))
        .onComplete(test.succeeding(id -> {}));
  }

  @Test
  void runsAgainOnTheInterval(Vertx vertx, VertxTestContext test) {
    Checkpoint runs = test.checkpoint(3);
    Set<String> runIds = ConcurrentHashMap.newKeySet();
    vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, done -> {
      if (isRunDone(done.body(), "quick", true)) {
        test.verify(() -> assertTrue(runIds.add(((JsonObject) done.body()).getString("run")), "each run has its own id"));
        runs.flag();
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 1), 20)).onComplete(test.succeeding(id -> {}));
  }

  @Test
  void aFailingSourceKeepsBeingScheduled(Vertx vertx, VertxTestContext test) {
    Checkpoint failures = test.checkpoint(2);
    vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, done -> {
      if (isRunDone(done.body(), "failing", false)) {
        test.verify(() -> assertEquals("sensor unplugged", ((JsonObject) done.body()).getString("error")));
        failures.flag();
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("failing", 1), 20)).onComplete(test.succeeding(id -> {}));
  }

  @Test
  void neverDeploysASourceTwiceWhileItRuns(Vertx vertx, VertxTestContext test) {
    AtomicInteger deployments = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(TestSources.STARTED, started -> {
      if (deployments.incrementAndGet() > 1) {
        test.failNow("the hanging source was deployed again while its run was in flight");
      }
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.status(OrchestratorVerticle.STATUS_ID), status -> {
      if (status.body().getJsonObject("skipped").getLong("hanging", 0L) >= 2) {
        test.verify(() -> {
          assertEquals(1, deployments.get(), "the hanging source is deployed once");
          assertEquals(new JsonArray().add("hanging"), status.body().getJsonArray("running"));
        });
        test.completeNow();
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("hanging", 1), 600)).onComplete(test.succeeding(id -> {}));
  }

  @Test
  void aRunThatTimesOutIsUndeployedAndRecorded(Vertx vertx, VertxTestContext test) {
    AtomicReference<String> deployment = new AtomicReference<>();
    Checkpoint undeployed = test.checkpoint();
    Checkpoint recorded = test.checkpoint();
    vertx.eventBus().<JsonObject>consumer(TestSources.STARTED, started -> deployment.set(started.body().getString("deploymentId")));
    vertx.eventBus().<JsonObject>consumer(TestSources.STOPPED, stopped -> {
      test.verify(() -> assertEquals(deployment.get(), stopped.body().getString("deploymentId")));
      undeployed.flag();
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.status("hanging"), status -> test.verify(() -> {
      assertEquals("timed out after 1s", status.body().getString("last_error"));
      assertNotNull(status.body().getValue("last_error_at"));
      assertFalse(vertx.deploymentIDs().contains(deployment.get()), "undeployed before the error is recorded");
      recorded.flag();
    }));
    deploy(vertx, orchestratorConfig(new JsonObject().put("hanging", 3600), 1)).onComplete(test.succeeding(id -> {}));
  }

  @Test
  void aDeployTheAgentRefusesIsRecorded(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(Addresses.status("missing"), status -> test.verify(() -> {
      String error = status.body().getString("last_error");
      assertTrue(error.startsWith("deploy on node hub failed: unknown verticle 'test.missing'"), error);
      test.completeNow();
    }));
    deploy(vertx, orchestratorConfig(new JsonObject().put("missing", 3600), 20)).onComplete(test.succeeding(id -> {}));
  }

  @Test
  void undeployingTheOrchestratorUndeploysItsRunningSources(Vertx vertx, VertxTestContext test) {
    Checkpoint sourceStopped = test.checkpoint();
    Checkpoint orchestratorUndeployed = test.checkpoint();
    Future<String> orchestrator = deploy(vertx, orchestratorConfig(new JsonObject().put("hanging", 3600), 600));
    vertx.eventBus().<JsonObject>consumer(TestSources.STARTED,
        started -> orchestrator.compose(vertx::undeploy).onComplete(test.succeeding(done -> orchestratorUndeployed.flag())));
    vertx.eventBus().<JsonObject>consumer(TestSources.STOPPED, stopped -> sourceStopped.flag());
  }

  @Test
  void reloadStopsRemovedSourcesAndAppliesChangedIntervals(Vertx vertx, VertxTestContext test) {
    Set<String> firstRuns = ConcurrentHashMap.newKeySet();
    AtomicBoolean reloadAsked = new AtomicBoolean();
    AtomicBoolean reloaded = new AtomicBoolean();
    Checkpoint secondRunsAfterReload = test.checkpoint(2);
    vertx.eventBus().<JsonObject>consumer(TestSources.STARTED, started -> {
      if (reloaded.get() && "quick".equals(started.body().getString("source"))) {
        test.failNow("quick started after it was removed from the schedule");
      }
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.status(OrchestratorVerticle.STATUS_ID), status -> {
      JsonObject scheduled = status.body().getJsonObject("scheduled");
      if (Integer.valueOf(1).equals(scheduled.getInteger("second"))) {
        test.verify(() -> assertEquals(new JsonObject().put("second", 1), scheduled));
        reloaded.set(true);
      }
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.SOURCE_RUN_DONE, done -> {
      String source = done.body().getString("source");
      if (reloaded.get() && "second".equals(source)) {
        secondRunsAfterReload.flag();
      } else if (firstRuns.add(source) && firstRuns.size() == 2 && reloadAsked.compareAndSet(false, true)) {
        // quick and second have both run once: drop quick, and make second (hourly so far) run every second
        store.putConfig(ConfigSections.SCHEDULE, new JsonObject().put("second", 1))
            .onSuccess(put -> vertx.eventBus().publish(Addresses.CONFIG_CHANGED,
                new JsonObject().put("section", ConfigSections.SCHEDULE)))
            .onFailure(test::failNow);
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 1).put("second", 3600), 20))
        .onComplete(test.succeeding(id -> {}));
  }

  @Test
  void reloadStartsNewSourcesWithoutRestartingOthers(Vertx vertx, VertxTestContext test) {
    AtomicInteger unknownReports = new AtomicInteger();
    Handler counter = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getMessage().contains("'nosuch'")) {
          unknownReports.incrementAndGet();
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger log = Logger.getLogger(OrchestratorVerticle.class.getName());
    log.addHandler(counter);
    AtomicInteger quickStarts = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(TestSources.STARTED, started -> {
      if ("quick".equals(started.body().getString("source"))) {
        quickStarts.incrementAndGet();
      }
    });
    vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, done -> {
      if (isRunDone(done.body(), "quick", true)) {
        JsonObject schedule = new JsonObject().put("quick", 3600).put("second", 3600).put("nosuch", 5);
        store.putConfig(ConfigSections.SCHEDULE, schedule).onComplete(test.succeeding(put -> {
          // Malformed announcements are ignored; the valid one after them is not.
          vertx.eventBus().publish(Addresses.CONFIG_CHANGED, "garbage");
          vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new JsonObject().put("section", 5));
          vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new JsonObject().put("section", ConfigSections.SCHEDULE));
        }));
      } else if (isRunDone(done.body(), "second", true)) {
        test.verify(() -> {
          assertEquals(1, quickStarts.get(), "quick was not restarted by the reload");
          assertEquals(1, unknownReports.get(), "an unknown source id is reported once");
        });
        log.removeHandler(counter);
        test.completeNow();
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 3600).put("nosuch", 5), 20))
        .onComplete(test.succeeding(id -> {}));
  }

  @Test
  void keepsItsOwnStatusWithATimeToLive(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(Addresses.status(OrchestratorVerticle.STATUS_ID), status -> {
      if (status.body().getJsonObject("scheduled").containsKey("quick")) {
        test.verify(() -> assertNotNull(status.body().getValue("last_tick")));
        store.ttl("status:" + OrchestratorVerticle.STATUS_ID).onComplete(test.succeeding(ttl -> test.verify(() -> {
          assertTrue(ttl > 0 && ttl <= 120, "ttl " + ttl);
          test.completeNow();
        })));
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 3600), 20)).onComplete(test.succeeding(id -> {}));
  }

  private static Future<JsonObject> command(Vertx vertx, Object request) {
    return vertx.eventBus().<JsonObject>request(Addresses.CMD_ORCHESTRATOR, request).map(reply -> reply.body());
  }

  private static JsonObject error(String message) {
    return new JsonObject().put("status", "error").put("error", message);
  }

  @Test
  void commandsAreValidated(Vertx vertx) {
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 3600), 20)).await();
    String known = "[trigger, restart_service, scan_aranet4, pihole_blocking, discover_cameras, start_camera, stop_camera]";
    assertEquals(error("expected {command, ...}; commands: " + known), command(vertx, "garbage").await());
    assertEquals(error("unknown command 'nope'; commands: " + known),
        command(vertx, new JsonObject().put("command", "nope")).await());
    assertEquals(error("'start_camera' needs {camera}: a camera id (1-40 of A-Z, a-z, 0-9, _, -)"),
        command(vertx, new JsonObject().put("command", "start_camera")).await());
    String blocking = "'pihole_blocking' needs {enabled: true|false, timer: null|seconds}";
    assertEquals(error(blocking), command(vertx, new JsonObject().put("command", "pihole_blocking")).await());
    assertEquals(error(blocking),
        command(vertx, new JsonObject().put("command", "pihole_blocking").put("enabled", "false")).await());
    for (Object timer : new Object[] {0, 86_401, "30", 1.5}) {
      assertEquals(error("'timer' must be null or whole seconds 1-86400"), command(vertx, new JsonObject()
          .put("command", "pihole_blocking").put("enabled", false).put("timer", timer)).await(), "timer " + timer);
    }
    assertEquals(error("'trigger' needs {service}: a source id"),
        command(vertx, new JsonObject().put("command", "trigger").put("service", "Bad:Id")).await());
    assertEquals(error("nosuch is not scheduled; scheduled: [quick]"),
        command(vertx, new JsonObject().put("command", "restart_service").put("service", "nosuch")).await());
  }

  @Test
  void aJobCommandRunsTheSourcesJobOnThisNodeAndRepliesWithWhyItCouldNot(Vertx vertx) {
    deploy(vertx, orchestratorConfig(new JsonObject(), 20)).await();
    // The Aranet source's classes are not on this module's classpath: the hub's agent cannot deploy it.
    JsonObject reply = command(vertx, new JsonObject().put("command", "scan_aranet4")).await();
    assertEquals("error", reply.getString("status"), reply.encode());
    assertTrue(reply.getString("error").startsWith("aranet4 scan: deploy on node " + NODE + " failed: "), reply.encode());
    assertNull(store.status("aranet4").await(), "a job leaves the source's status alone");
  }

  @Test
  void triggerRunsASourceNowAndRepliesWithTheOutcome(Vertx vertx, VertxTestContext test) {
    AtomicBoolean asked = new AtomicBoolean();
    // Both first runs have ended once both are scheduled and none is running.
    vertx.eventBus().<JsonObject>consumer(Addresses.status(OrchestratorVerticle.STATUS_ID), status -> {
      if (status.body().getJsonObject("scheduled").size() == 2 && status.body().getJsonArray("running").isEmpty()
          && asked.compareAndSet(false, true)) {
        Future.all(
                command(vertx, new JsonObject().put("command", "trigger").put("service", "quick")),
                command(vertx, new JsonObject().put("command", "trigger").put("service", "failing")))
            .onComplete(test.succeeding(replies -> test.verify(() -> {
              assertEquals(new JsonObject().put("status", "ok")
                  .put("data", new JsonObject().put("service", "quick").put("outcome", "succeeded")), replies.resultAt(0));
              assertEquals(error("failing run failed: sensor unplugged"), replies.resultAt(1));
              test.completeNow();
            })));
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 3600).put("failing", 3600), 20))
        .onComplete(test.succeeding(id -> {}));
  }

  @Test
  void triggerOfASourceStillRunningRepliesWithThatRunsOutcome(Vertx vertx, VertxTestContext test) {
    AtomicInteger deployments = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(TestSources.STARTED, started -> {
      if (deployments.incrementAndGet() == 1) {
        // The start-up run hangs until its 2 s timeout: the trigger joins it instead of a second run.
        command(vertx, new JsonObject().put("command", "trigger").put("service", "hanging"))
            .onComplete(test.succeeding(reply -> test.verify(() -> {
              assertEquals(error("hanging run timed_out: timed out after 2s"), reply);
              assertEquals(1, deployments.get(), "no second deployment for the trigger");
              test.completeNow();
            })));
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("hanging", 3600), 2)).onComplete(test.succeeding(id -> {}));
  }

  @Test
  void restartServiceReschedulesAndRunsTheSourceAgain(Vertx vertx, VertxTestContext test) {
    AtomicInteger starts = new AtomicInteger();
    Checkpoint replied = test.checkpoint();
    Checkpoint startedAgain = test.checkpoint();
    vertx.eventBus().<JsonObject>consumer(TestSources.STARTED, started -> {
      if (starts.incrementAndGet() == 2) {
        startedAgain.flag();
      }
    });
    vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, done -> {
      if (starts.get() == 1) {
        command(vertx, new JsonObject().put("command", "restart_service").put("service", "quick"))
            .onComplete(test.succeeding(reply -> test.verify(() -> {
              assertEquals(new JsonObject().put("status", "ok")
                  .put("data", new JsonObject().put("service", "quick").put("interval", 3600)), reply);
              replied.flag();
            })));
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 3600), 20)).onComplete(test.succeeding(id -> {}));
  }

  @Test
  void aSourceWithoutSuccessForThreeIntervalsIsFlaggedOverdue(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(Addresses.status(OrchestratorVerticle.STATUS_ID), status -> {
      JsonObject health = status.body().getJsonObject("health");
      if (health != null && health.containsKey("failing") && health.getJsonObject("failing").getBoolean("overdue")) {
        test.verify(() -> {
          assertEquals(new JsonArray().add("failing"), status.body().getJsonArray("overdue"));
          assertEquals(1, health.getJsonObject("failing").getInteger("interval"));
          assertNull(health.getJsonObject("failing").getValue("last_success"));
          assertFalse(health.getJsonObject("quick").getBoolean("overdue"));
          assertNotNull(health.getJsonObject("quick").getValue("last_success"));
        });
        test.completeNow();
      }
    });
    deploy(vertx, orchestratorConfig(new JsonObject().put("quick", 1).put("failing", 1), 20)
        .put(OrchestratorVerticle.HEALTH_INTERVAL, 1)).onComplete(test.succeeding(id -> {}));
  }

  @Test
  void stoppingWaitsForTheRunInFlightToEnd(Vertx vertx, VertxTestContext test) {
    Promise<String> orchestrator = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(TestSources.STARTED, started -> orchestrator.future()
        .compose(vertx::undeploy)
        .compose(undeployed -> store.status("slow"))
        .onComplete(test.succeeding(status -> test.verify(() -> {
          assertNotNull(status.getValue("last_success"), "the run ended before the orchestrator did");
          test.completeNow();
        }))));
    deploy(vertx, orchestratorConfig(new JsonObject().put("slow", 3600), 20).put(OrchestratorVerticle.SHUTDOWN_GRACE, 30))
        .onComplete(orchestrator);
  }
}

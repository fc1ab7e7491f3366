package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.source.SourceCatalog;
import io.sensepulse.common.source.SourcePattern;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The runner against a scripted node agent on the bus, so each race can be staged exactly. */
@ExtendWith(VertxExtension.class)
class SourceRunnerTest {
  private static final String NODE = "fake";
  private static final SourceCatalog.Entry QUICK = new SourceCatalog.Entry("quick", "test.quick", SourcePattern.EPHEMERAL);

  private final List<Map.Entry<String, JsonObject>> statusWrites = new CopyOnWriteArrayList<>();

  private SourceRunner runner(Vertx vertx, int timeoutSeconds) {
    return new SourceRunner(vertx, source -> NODE, timeoutSeconds, (id, fields) -> {
      statusWrites.add(Map.entry(id, fields));
      return Future.succeededFuture();
    });
  }

  /** Starts a runner on its own context and runs QUICK once on it. */
  private Future<SourceRunner.Result> runOnce(Vertx vertx, int timeoutSeconds) {
    SourceRunner runner = runner(vertx, timeoutSeconds);
    return Future.<SourceRunner.Result>future(outcome -> vertx.getOrCreateContext().runOnContext(v -> runner.start()
        .compose(started -> runner.run(QUICK, 30))
        .onComplete(outcome)));
  }

  private static String runId(Message<JsonObject> deploy) {
    return deploy.body().getJsonObject("config").getString("run");
  }

  private static void runDone(Vertx vertx, Object body) {
    vertx.eventBus().publish(Addresses.SOURCE_RUN_DONE, body);
  }

  @Test
  void runDoneBeforeTheDeployReplyEndsTheRun(Vertx vertx, VertxTestContext test) {
    // The agent never replies: the run-done alone must end the run.
    vertx.eventBus().<JsonObject>consumer(Addresses.nodeDeploy(NODE), deploy -> test.verify(() -> {
      assertEquals("test.quick", deploy.body().getString("verticle"));
      assertEquals(30, deploy.body().getJsonObject("config").getInteger("refresh_interval"));
      runDone(vertx, new JsonObject().put("source", "quick").put("run", runId(deploy)).put("ok", true));
    }));
    runOnce(vertx, 60).onComplete(test.succeeding(outcome -> test.verify(() -> {
      assertEquals(SourceRunner.Outcome.SUCCEEDED, outcome.outcome());
      assertEquals(List.of(), statusWrites);
      test.completeNow();
    })));
  }

  @Test
  void malformedAndMismatchedRunDonesAreIgnored(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(Addresses.nodeDeploy(NODE), deploy -> {
      String run = runId(deploy);
      runDone(vertx, "garbage");
      runDone(vertx, new JsonObject().put("run", run).put("ok", true));
      runDone(vertx, new JsonObject().put("source", "other").put("run", run).put("ok", true));
      runDone(vertx, new JsonObject().put("source", "quick").put("run", run).put("ok", false).put("error", "boom"));
      deploy.reply(new JsonObject().put("deploymentId", "d1"));
    });
    runOnce(vertx, 60).onComplete(test.succeeding(outcome -> test.verify(() -> {
      assertEquals(SourceRunner.Outcome.FAILED, outcome.outcome());
      assertEquals(List.of(), statusWrites, "a failed run records its own status");
      test.completeNow();
    })));
  }

  @Test
  void refusedDeployIsRecordedAsTheSourcesError(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().consumer(Addresses.nodeDeploy(NODE), deploy -> deploy.fail(400, "unknown verticle 'test.quick'"));
    runOnce(vertx, 60).onComplete(test.succeeding(outcome -> test.verify(() -> {
      assertEquals(SourceRunner.Outcome.DEPLOY_FAILED, outcome.outcome());
      assertEquals(1, statusWrites.size());
      assertEquals("quick", statusWrites.get(0).getKey());
      assertEquals("deploy on node fake failed: unknown verticle 'test.quick'",
          statusWrites.get(0).getValue().getString("last_error"));
      assertTrue(statusWrites.get(0).getValue().getDouble("last_error_at") > 0);
      test.completeNow();
    })));
  }

  @Test
  void timedOutRunIsUndeployedEvenWhenTheDeployReplyComesLate(Vertx vertx, VertxTestContext test) {
    List<String> undeployed = new CopyOnWriteArrayList<>();
    // The reply comes after the 1 s run timeout; the runner must still undeploy what was deployed.
    vertx.eventBus().<JsonObject>consumer(Addresses.nodeDeploy(NODE),
        deploy -> vertx.setTimer(1_500, t -> deploy.reply(new JsonObject().put("deploymentId", "late-1"))));
    vertx.eventBus().<JsonObject>consumer(Addresses.nodeUndeploy(NODE), undeploy -> {
      undeployed.add(undeploy.body().getString("deploymentId"));
      undeploy.reply(new JsonObject().put("deploymentId", undeploy.body().getString("deploymentId")));
    });
    runOnce(vertx, 1).onComplete(test.succeeding(outcome -> test.verify(() -> {
      assertEquals(SourceRunner.Outcome.TIMED_OUT, outcome.outcome());
      assertEquals(List.of("late-1"), undeployed);
      assertEquals(1, statusWrites.size());
      assertEquals("timed out after 1s", statusWrites.get(0).getValue().getString("last_error"));
      test.completeNow();
    })));
  }
}

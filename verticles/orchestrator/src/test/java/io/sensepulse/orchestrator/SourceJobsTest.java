package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.Reading;
import io.sensepulse.common.node.NodeAgentVerticle;
import io.sensepulse.common.source.EphemeralSourceVerticle;
import io.sensepulse.common.source.Source;
import io.sensepulse.common.source.SourceCatalog;
import io.sensepulse.common.source.SourcePattern;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One-off jobs through the real node agent: a source verticle whose jobs scan, fail or hang. */
@ExtendWith(VertxExtension.class)
class SourceJobsTest {
  private static final String NODE = "hub";
  private static final SourceCatalog.Entry JOBS = new SourceCatalog.Entry("jobs", "test.jobs", SourcePattern.EPHEMERAL);

  /** Jobs: {@code scan} finds the device named in its section, {@code fail} fails, {@code hang} never ends. */
  public static final class Jobs extends EphemeralSourceVerticle {
    @Override
    protected Source createSource(JsonObject config) {
      return new Source() {
        @Override
        public String id() {
          return "jobs";
        }

        @Override
        public Future<List<Reading>> poll() {
          return Future.failedFuture("a job must not poll");
        }
      };
    }

    @Override
    protected Future<JsonObject> job(String mode, JsonObject job) {
      Function<JsonObject, Future<JsonObject>> run = switch (mode) {
        case "scan" -> section -> Future.succeededFuture(new JsonObject()
            .put("devices", new JsonArray().add(new JsonObject().put("mac", section.getString("mac")))));
        case "fail" -> section -> Future.failedFuture("adapter powered off");
        case "hang" -> section -> Promise.<JsonObject>promise().future();
        default -> section -> super.job(mode, job);
      };
      return run.apply(config().getJsonObject("jobs", new JsonObject()));
    }
  }

  private final List<JsonObject> statusWrites = new CopyOnWriteArrayList<>();
  private SourceRunner runner;

  @BeforeEach
  void setUp(Vertx vertx) {
    JsonObject node = new JsonObject().put(PulseSettings.NODE_ID, NODE).put(PulseSettings.ANNOUNCE_INTERVAL, 3600)
        .put(NodeAgentVerticle.CATALOG, new JsonObject().put("test.jobs", Jobs.class.getName()));
    vertx.deployVerticle(new NodeAgentVerticle(), new DeploymentOptions().setConfig(node)).await();
    runner = new SourceRunner(vertx, source -> NODE, 1, (id, fields) -> {
      statusWrites.add(fields);
      return Future.succeededFuture();
    });
    runner.start().await();
  }

  @Test
  void aJobRepliesWithItsResultAndHasItsSection(Vertx vertx, VertxTestContext test) {
    runner.job(JOBS, "scan", new JsonObject(), new JsonObject().put("mac", "AA:BB"))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertEquals(new JsonObject().put("devices", new JsonArray().add(new JsonObject().put("mac", "AA:BB"))), result);
          assertEquals(List.of(), statusWrites, "a job is not a poll");
          test.completeNow();
        })));
  }

  @Test
  void aFailingJobFailsWithItsError(Vertx vertx, VertxTestContext test) {
    runner.job(JOBS, "fail", new JsonObject(), null).onComplete(test.failing(error -> test.verify(() -> {
      assertEquals("jobs fail: adapter powered off", error.getMessage());
      test.completeNow();
    })));
  }

  @Test
  void aJobThatNeverEndsTimesOutAndIsUndeployed(Vertx vertx, VertxTestContext test) {
    runner.job(JOBS, "hang", new JsonObject(), null).onComplete(test.failing(error -> test.verify(() -> {
      assertEquals("jobs hang: timed out after 1s", error.getMessage());
      assertEquals(List.of(), statusWrites, "a job is not a poll");
      // Only the agent itself is left.
      assertEquals(1, vertx.deploymentIDs().size(), vertx.deploymentIDs().toString());
      test.completeNow();
    })));
  }

  @Test
  void aJobTheSourceDoesNotHaveFails(Vertx vertx, VertxTestContext test) {
    runner.job(JOBS, "format_disk", new JsonObject(), null).onComplete(test.failing(error -> test.verify(() -> {
      assertTrue(error.getMessage().endsWith("jobs does not support the job 'format_disk'"), error.getMessage());
      test.completeNow();
    })));
  }
}

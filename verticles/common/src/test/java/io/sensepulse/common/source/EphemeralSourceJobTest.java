package io.sensepulse.common.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Reading;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Job mode of an ephemeral source: no poll, no store, the job's result on the run-done, then gone. */
@ExtendWith(VertxExtension.class)
class EphemeralSourceJobTest {

  static final String STOPPED = "test.echo.stopped";

  /** Its poll would fail the test; its only job echoes its arguments. Announces its undeployment. */
  static final class Echo extends EphemeralSourceVerticle {
    @Override
    public Future<?> stop() {
      vertx.eventBus().publish(STOPPED, deploymentID());
      return Future.succeededFuture();
    }

    @Override
    protected Source createSource(JsonObject config) {
      return new Source() {
        @Override
        public String id() {
          return "echo";
        }

        @Override
        public Future<List<Reading>> poll() {
          return Future.failedFuture("a job must not poll");
        }
      };
    }

    @Override
    protected Future<JsonObject> job(String mode, JsonObject job) {
      return "echo".equals(mode) ? Future.succeededFuture(new JsonObject().put("echoed", job))
          : super.job(mode, job);
    }
  }

  private static Future<JsonObject> runJob(Vertx vertx, String run, JsonObject config) {
    Promise<JsonObject> done = Promise.promise();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, message -> {
      if (run.equals(message.body().getString("run"))) {
        done.tryComplete(message.body());
      }
    });
    return consumer.completion()
        .compose(registered -> vertx.deployVerticle(new Echo(), new DeploymentOptions().setConfig(config.put("run", run))))
        .compose(id -> done.future())
        .eventually(consumer::unregister);
  }

  @Test
  void aJobRepliesWithItsResultInsteadOfPollingAndUndeploysItself(Vertx vertx, VertxTestContext test) {
    JsonObject arguments = new JsonObject().put("enabled", false);
    Promise<Object> stopped = Promise.promise();
    vertx.eventBus().consumer(STOPPED, message -> stopped.tryComplete(message.body())).completion()
        .compose(registered -> runJob(vertx, "j1", new JsonObject().put("mode", "echo").put("job", arguments)))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(new JsonObject().put("source", "echo").put("run", "j1").put("ok", true).putNull("error")
              .put("result", new JsonObject().put("echoed", arguments)), done);
          stopped.future().onComplete(test.succeedingThenComplete());
        })));
  }

  @Test
  void aJobTheSourceDoesNotHaveFails(Vertx vertx, VertxTestContext test) {
    runJob(vertx, "j2", new JsonObject().put("mode", "format_disk"))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(false, done.getBoolean("ok"));
          assertEquals("echo does not support the job 'format_disk'", done.getString("error"));
          assertNull(done.getValue("result"));
          test.completeNow();
        })));
  }

  @Test
  void badJobConfigFailsTheDeployment(Vertx vertx, VertxTestContext test) {
    vertx.deployVerticle(new Echo(), new DeploymentOptions().setConfig(new JsonObject().put("mode", "echo").put("job", "x")))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals("'job' must be a JSON object of the job's arguments", error.getMessage());
          test.completeNow();
        })));
  }
}

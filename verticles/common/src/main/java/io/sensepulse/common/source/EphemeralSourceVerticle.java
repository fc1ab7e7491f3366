package io.sensepulse.common.source;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.store.StoreClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Deployed by the orchestrator for a single run: polls once, writes the readings and the status
 * through the store, announces the run's end on {@link Addresses#SOURCE_RUN_DONE} and undeploys
 * itself. Config: {@code run} (the orchestrator's run id), {@code refresh_interval} (seconds).
 *
 * <p>With {@code mode} set the verticle runs a one-off job of the source's code instead of the poll
 * ({@link #job}, e.g. a BLE scan on the node with the adapter), with {@code job} as its arguments;
 * the run-done then carries the job's {@code result}. A job writes no status: it is not a poll.
 */
public abstract class EphemeralSourceVerticle extends VerticleBase {

  /** Builds the source from this verticle's config; throws IllegalArgumentException on bad config. */
  protected abstract Source createSource(JsonObject config);

  /**
   * Runs the one-off job {@code mode} with its arguments; the result travels back to whoever asked.
   * Sources without jobs keep this default.
   */
  protected Future<JsonObject> job(String mode, JsonObject job) {
    return Future.failedFuture(id() + " does not support the job '" + mode + "'");
  }

  private Source source;

  @Override
  public Future<?> start() {
    source = createSource(config());
    String run = config().getString("run", UUID.randomUUID().toString());
    Object mode = config().getValue("mode");
    Object job = config().getValue("job", new JsonObject());
    if (mode != null && !(mode instanceof String)) {
      throw new IllegalArgumentException("'mode' must be a job name");
    }
    if (!(job instanceof JsonObject arguments)) {
      throw new IllegalArgumentException("'job' must be a JSON object of the job's arguments");
    }
    // Start returns at once so the deployer gets the deployment id; the run follows on this context.
    context.runOnContext(v -> {
      if (mode == null) {
        runOnce(source, run);
      } else {
        // Through compose, so a job that throws ends the run like one that fails.
        Future.succeededFuture().compose(ignored -> job((String) mode, arguments))
            .onComplete(result -> finish(run, result.succeeded(), result.cause(), result.result()));
      }
    });
    return Future.succeededFuture();
  }

  /** The id of the source this verticle runs. */
  protected final String id() {
    return source.id();
  }

  private void runOnce(Source source, String run) {
    StoreClient store = new StoreClient(vertx.eventBus());
    long started = System.nanoTime();
    source.poll()
        .compose(readings -> store.writeReadings(source.id(), readings).map(readings.size()))
        .compose(count -> store.updateStatus(source.id(), new JsonObject()
            .put("last_success", now())
            .put("last_error", null)
            .put("readings", count)
            .put("last_duration_ms", (System.nanoTime() - started) / 1_000_000)
            .put("refresh_interval", config().getValue("refresh_interval"))
            .put("pattern", SourcePattern.EPHEMERAL.name().toLowerCase())))
        .recover(error -> store.updateStatus(source.id(), new JsonObject()
                .put("last_error", describe(error))
                .put("last_error_at", now())
                .put("refresh_interval", config().getValue("refresh_interval")))
            .otherwiseEmpty()
            .compose(ignored -> Future.failedFuture(error)))
        .onComplete(result -> finish(run, result.succeeded(), result.cause(), null));
  }

  private void finish(String run, boolean ok, Throwable error, JsonObject result) {
    vertx.eventBus().publish(Addresses.SOURCE_RUN_DONE, new JsonObject()
        .put("source", source.id())
        .put("run", run)
        .put("ok", ok)
        .put("error", ok ? null : describe(error))
        .put("result", result));
    undeploySelf(UNDEPLOY_TURNS, System.nanoTime() + UNDEPLOY_PATIENCE_NANOS);
  }

  /** Turns of the context a run that ended at once first waits for its own deployment to complete. */
  private static final int UNDEPLOY_TURNS = 100;
  /** After those turns (a loaded machine), retries every 20 ms for this long. */
  private static final long UNDEPLOY_PATIENCE_NANOS = 5_000_000_000L;

  /**
   * Vert.x registers a deployment a few context turns after start() returns, so a job that ends at
   * once finds its id still unknown; it retries on later turns, then on a short timer when the
   * machine is busy. The bound stops the retries when the deployment is unknown because the
   * orchestrator already undeployed it (a run that outlived its timeout).
   */
  private void undeploySelf(int turnsLeft, long deadline) {
    vertx.undeploy(deploymentID()).onFailure(unknown -> {
      if (turnsLeft > 0) {
        context.runOnContext(v -> undeploySelf(turnsLeft - 1, deadline));
      } else if (System.nanoTime() < deadline) {
        vertx.setTimer(20, id -> undeploySelf(0, deadline));
      }
    });
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private static String describe(Throwable error) {
    return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
  }
}

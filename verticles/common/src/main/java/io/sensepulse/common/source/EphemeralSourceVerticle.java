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
 */
public abstract class EphemeralSourceVerticle extends VerticleBase {
  private static final int UNDEPLOY_ATTEMPTS = 100;
  private static final long UNDEPLOY_RETRY_MS = 10;

  /** Builds the source from this verticle's config; throws IllegalArgumentException on bad config. */
  protected abstract Source createSource(JsonObject config);

  @Override
  public Future<?> start() {
    Source source = createSource(config());
    String run = config().getString("run", UUID.randomUUID().toString());
    // Start returns at once so the deployer gets the deployment id; the run follows on this context.
    context.runOnContext(v -> runOnce(source, run));
    return Future.succeededFuture();
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
        .onComplete(result -> {
          vertx.eventBus().publish(Addresses.SOURCE_RUN_DONE, new JsonObject()
              .put("source", source.id())
              .put("run", run)
              .put("ok", result.succeeded())
              .put("error", result.failed() ? describe(result.cause()) : null));
          undeploySelf(UNDEPLOY_ATTEMPTS);
        });
  }

  /**
   * Vert.x registers a deployment only after start() has completed, and a fast poll can end before
   * that: then undeploy fails with "unknown deployment" and is tried again shortly.
   */
  private void undeploySelf(int attemptsLeft) {
    vertx.undeploy(deploymentID()).onFailure(notYetRegistered -> {
      if (attemptsLeft > 0) {
        vertx.setTimer(UNDEPLOY_RETRY_MS, id -> undeploySelf(attemptsLeft - 1));
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

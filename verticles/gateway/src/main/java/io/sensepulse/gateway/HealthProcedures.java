package io.sensepulse.gateway;

import io.sensepulse.common.store.Store;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.concurrent.TimeUnit;

/**
 * {@code /health}: Redis, the cluster and this event loop. Each procedure completes with UP or
 * DOWN itself rather than failing or timing out, because the handler answers a failed procedure
 * with 500; DOWN gives the 503 that monitors expect.
 */
final class HealthProcedures {
  private HealthProcedures() {}

  static final long REDIS_PING_TIMEOUT_MS = 1_000;
  /** A zero-delay task waiting longer than this means something is blocking the event loop. */
  static final long EVENT_LOOP_MAX_DELAY_MS = 200;
  /** Above the Redis ping timeout, so a slow ping reports DOWN instead of a procedure failure. */
  private static final long PROCEDURE_TIMEOUT_MS = 3_000;

  static HealthCheckHandler handler(Vertx vertx, Store store) {
    return HealthCheckHandler.create(vertx)
        .register("redis", PROCEDURE_TIMEOUT_MS, done -> redis(store, done))
        .register("cluster", done -> done.complete(Status.OK(new JsonObject().put("clustered", vertx.isClustered()))))
        .register("event-loop", PROCEDURE_TIMEOUT_MS, done -> eventLoop(vertx, done));
  }

  private static void redis(Store store, Promise<Status> done) {
    store.ping()
        .timeout(REDIS_PING_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(ok -> done.complete(Status.OK()),
            error -> done.complete(Status.KO(new JsonObject().put("error", error.getMessage()))));
  }

  private static void eventLoop(Vertx vertx, Promise<Status> done) {
    long queued = System.nanoTime();
    vertx.runOnContext(v -> {
      long delayMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued);
      JsonObject data = new JsonObject().put("delay_ms", delayMs).put("limit_ms", EVENT_LOOP_MAX_DELAY_MS);
      done.complete(delayMs <= EVENT_LOOP_MAX_DELAY_MS ? Status.OK(data) : Status.KO(data));
    });
  }
}

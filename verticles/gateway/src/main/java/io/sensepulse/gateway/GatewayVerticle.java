package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.logging.Logger;

/**
 * The hub's HTTP face: the JSON API under {@code /api}, {@code /health}, {@code /metrics}, the
 * SockJS event-bus bridge at {@code /eventbus} and the dashboard's static files. Config: the node
 * settings ({@code http_port}, {@code redis_url}, {@code webroot}).
 */
public class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(GatewayVerticle.class.getName());

  /** Seconds between heartbeats on {@code nodes.heartbeat}; the dashboard gives up after three missed. */
  static final String HEARTBEAT_INTERVAL = "heartbeat_interval";

  private Store store;

  @Override
  public Future<?> start() {
    PulseSettings settings = PulseSettings.from(config());
    int heartbeatSeconds = PulseSettings.intIn(config(), HEARTBEAT_INTERVAL, 10, 1, 300);
    store = Store.create(vertx, settings.redisUrl());
    return store.start()
        .compose(started -> vertx.createHttpServer().requestHandler(router(settings)).listen(settings.httpPort()))
        .onSuccess(server -> {
          LOG.info("Gateway listening on port " + server.actualPort());
          vertx.setPeriodic(heartbeatSeconds * 1000L, id -> vertx.eventBus().publish(Addresses.NODES_HEARTBEAT,
              new JsonObject().put("node", settings.nodeId()).put("time", System.currentTimeMillis() / 1000.0)));
        });
  }

  @Override
  public Future<?> stop() {
    // The HTTP server is closed by the undeployment itself; only the Redis connection is ours.
    return store.close();
  }

  private Router router(PulseSettings settings) {
    Router router = Router.router(vertx);
    Replies.mountApiDefaults(router);
    new ApiRoutes(vertx, store).mount(router);
    new ConfigRoutes(vertx, store).mount(router);
    Replies.mountApiFallbacks(router);
    router.get("/health").handler(HealthProcedures.handler(vertx, store));
    router.get("/metrics").handler(PrometheusMetrics.scrapingHandler(vertx));
    EventBusBridge.mount(vertx, router);
    StaticFiles.mount(router, settings.webroot());
    return router;
  }
}

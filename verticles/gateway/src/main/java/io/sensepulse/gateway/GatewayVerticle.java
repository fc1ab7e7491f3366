package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
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
 * settings ({@code http_port}, {@code redis_url}, {@code webroot}, {@code data_dir}), the seed of
 * the {@code auth} section and {@link WebSecuritySettings}.
 */
public class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(GatewayVerticle.class.getName());

  /** Seconds between heartbeats on {@code nodes.heartbeat}; the dashboard gives up after three missed. */
  static final String HEARTBEAT_INTERVAL = "heartbeat_interval";

  static final String HLS_DIR = io.sensepulse.common.media.HlsDir.KEY;

  private Store store;

  @Override
  public Future<?> start() {
    PulseSettings settings = PulseSettings.from(config());
    WebSecuritySettings web = WebSecuritySettings.from(config());
    int heartbeatSeconds = PulseSettings.intIn(config(), HEARTBEAT_INTERVAL, 10, 1, 300);
    JsonObject sections = config().getJsonObject(PulseSettings.SECTIONS, new JsonObject());
    store = Store.create(vertx, settings.redisUrl());
    Future<AuthState> auth = store.start().compose(started -> AuthState.start(vertx, store, sections.getJsonObject(ConfigSections.AUTH)));
    Future<String> csrfSecret = CsrfSecret.load(vertx, settings.dataDir());
    return Future.all(auth, csrfSecret)
        .compose(ready -> vertx.createHttpServer()
            .requestHandler(router(settings, web, auth.result(), csrfSecret.result()))
            .listen(settings.httpPort()))
        .onFailure(failed -> store.close())
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

  private Router router(PulseSettings settings, WebSecuritySettings web, AuthState auth, String csrfSecret) {
    Router router = Router.router(vertx);
    Sessions sessions = new Sessions(vertx, store, web);
    AccessControl access = new AccessControl(vertx, auth, sessions, web, csrfSecret);
    Replies.mountApiDefaults(router);
    access.mountApi(router);
    new AuthRoutes(vertx, auth, sessions, new LoginThrottle(System::currentTimeMillis)).mount(router);
    new ApiRoutes(vertx, store).mount(router);
    new ConfigRoutes(vertx, store, auth).mount(router);
    new CameraRoutes(vertx, store).mount(router);
    new RigRoutes(vertx).mount(router);
    Replies.mountApiFallbacks(router);
    router.get("/health").handler(HealthProcedures.handler(vertx, store));
    access.identify(router, "/metrics");
    router.get("/metrics").handler(AccessControl::requireRead).handler(PrometheusMetrics.scrapingHandler(vertx));
    EventBusBridge.mount(vertx, router, auth, access, web);
    // Where the streamers on this node write HLS; served under /hls.
    CameraMedia.mount(vertx, router, access, io.sensepulse.common.media.HlsDir.of(config()));
    StaticFiles.mount(router, settings.webroot());
    return router;
  }
}

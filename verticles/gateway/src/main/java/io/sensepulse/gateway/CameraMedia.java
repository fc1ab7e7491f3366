package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.file.Path;

/**
 * The cameras' video: HLS files under {@code /hls/} ({@link HlsFiles}) and the live view's
 * WebSockets under {@code /live/} ({@link LiveView}), both for whoever may read. Publishes
 * {@link Addresses#CAMERA_VIEWERS} for every watched camera every {@link #VIEWERS_INTERVAL_MS},
 * and at once when a camera gets its first viewer, so the orchestrator stops unwatched streams.
 */
final class CameraMedia {
  private CameraMedia() {}

  static final long VIEWERS_INTERVAL_MS = 5_000;

  /** Mounts both routes; HLS is served from {@code hlsDir} on this node's own disk. */
  static void mount(Vertx vertx, Router router, AccessControl access, Path hlsDir) {
    CameraViewers viewers = new CameraViewers();
    Runnable publish = () -> viewers.watched(System.currentTimeMillis()).forEach(watched ->
        vertx.eventBus().publish(Addresses.CAMERA_VIEWERS, new JsonObject()
            .put("camera", watched.camera())
            .put("viewers", watched.viewers())
            .put("last_seen", watched.lastSeenMs() / 1000.0)));
    vertx.setPeriodic(VIEWERS_INTERVAL_MS, id -> publish.run());

    HlsFiles hls = new HlsFiles(vertx, hlsDir, (camera, client) -> {
      if (viewers.playlistFetched(camera, client, System.currentTimeMillis())) {
        publish.run();
      }
    });
    LiveView live = new LiveView(vertx, new LiveView.SocketListener() {
      @Override
      public void opened(String camera) {
        if (viewers.socketOpened(camera, System.currentTimeMillis())) {
          publish.run();
        }
      }

      @Override
      public void closed(String camera) {
        viewers.socketClosed(camera, System.currentTimeMillis());
      }
    });
    vertx.eventBus().<Object>consumer(Addresses.STREAM_ENDED, message -> {
      if (message.body() instanceof JsonObject body && body.getValue("camera") instanceof String camera) {
        live.streamEnded(camera, body.getValue("reason") instanceof String reason ? reason : null);
      }
    });

    access.identify(router, "/hls/*");
    router.route("/hls/*").method(HttpMethod.GET).handler(AccessControl::requireRead).handler(hls::handle)
        .failureHandler(CameraMedia::failed);
    // A WebSocket is not bound by the same-origin policy: another site's page must not watch.
    router.route("/live/:camera").handler(SameOriginGuard::handle);
    access.identify(router, "/live/*");
    router.route("/live/:camera").method(HttpMethod.GET).handler(AccessControl::requireRead).handler(live::handle)
        .failureHandler(CameraMedia::failed);
  }

  private static void failed(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      return;
    }
    if (ctx.failure() instanceof HttpException http && http.getPayload() != null) {
      HlsFiles.refuse(ctx, http.getStatusCode(), http.getPayload());
    } else {
      HlsFiles.refuse(ctx, 500, "internal error");
    }
  }
}

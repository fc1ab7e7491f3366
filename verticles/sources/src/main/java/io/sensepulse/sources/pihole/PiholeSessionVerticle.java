package io.sensepulse.sources.pihole;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Lives as long as the node and logs out of every Pi-hole v6 session the ephemeral source left in
 * the node's local shared data when it stops: Pi-hole has a few session seats only
 * (webserver.api.max_sessions) and a session left behind holds one until it expires. Deploy it on
 * the node that runs the Pi-hole source. Config: none.
 */
public class PiholeSessionVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(PiholeSessionVerticle.class.getName());
  /** Shutdown should not wait long for a Pi-hole that is gone. */
  static final int LOGOUT_TIMEOUT_MS = 2_000;

  private WebClient web;

  @Override
  public Future<?> start() {
    web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(LOGOUT_TIMEOUT_MS).setUserAgent("sense-pulse"));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    LocalMap<String, JsonObject> sessions = vertx.sharedData().getLocalMap(PiholeClient.SESSIONS_MAP);
    List<Future<Void>> logouts = new ArrayList<>();
    for (Map.Entry<String, JsonObject> session : sessions.entrySet()) {
      sessions.remove(session.getKey());
      logouts.add(logout(session.getKey(), session.getValue().getString("sid")));
    }
    return Future.join(logouts).otherwiseEmpty().onComplete(done -> web.close());
  }

  /** DELETE /api/auth: 204 when deleted; 401, 404 or 410 when Pi-hole had dropped it already. */
  private Future<Void> logout(String url, String sid) {
    if (sid == null) {
      return Future.succeededFuture();
    }
    return web.requestAbs(HttpMethod.DELETE, url + "/api/auth").putHeader(PiholeClient.SID_HEADER, sid)
        .timeout(LOGOUT_TIMEOUT_MS).send()
        .<Void>mapEmpty()
        .onFailure(error -> LOG.warning("could not log out of Pi-hole at " + url + " (" + error.getClass().getSimpleName() + ")"));
  }
}

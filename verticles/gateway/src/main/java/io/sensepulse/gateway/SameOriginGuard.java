package io.sensepulse.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Refuses cross-origin browser requests. WebSockets are not bound by the same-origin policy and
 * SockJS checks no Origin unless configured with a fixed one, which a hub reached by IP or by name
 * cannot have; without this any web page a phone opens could follow the sensors. Requests without
 * an Origin (not from a browser page) pass.
 */
final class SameOriginGuard {
  private SameOriginGuard() {}

  static void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin == null || sameOrigin(origin, ctx.request().authority())) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end("{\"error\":\"cross-origin requests to the event bus are refused\"}");
    }
  }

  /** Browsers omit default ports from Origin as from Host, so host and explicit port are compared. */
  static boolean sameOrigin(String origin, HostAndPort authority) {
    if (authority == null) {
      return false;
    }
    try {
      URI uri = new URI(origin);
      return uri.getHost() != null
          && uri.getHost().equalsIgnoreCase(authority.host())
          && uri.getPort() == authority.port();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}

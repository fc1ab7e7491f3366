package io.sensepulse.gateway;

import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's cookie and origin settings, from its config:
 * {@code cookie_secure} (false): mark cookies Secure even on plain HTTP, for a hub behind a TLS proxy;
 * {@code session_timeout_days} (30): how long a sign-in lasts without the dashboard being opened;
 * {@code http_origin} (none): the dashboard's origin, e.g. {@code http://hub.local:8080}; when set,
 * the event-bus WebSocket accepts only that Origin.
 */
record WebSecuritySettings(boolean cookieSecure, int sessionTimeoutDays, String httpOrigin) {
  static final String COOKIE_SECURE = "cookie_secure";
  static final String SESSION_TIMEOUT_DAYS = "session_timeout_days";
  static final String HTTP_ORIGIN = "http_origin";

  static WebSecuritySettings from(JsonObject config) {
    String origin = config.getString(HTTP_ORIGIN, "").trim();
    if (!origin.isEmpty()) {
      requireOrigin(origin);
    }
    return new WebSecuritySettings(
        ConfigSections.bool(config, COOKIE_SECURE, false),
        PulseSettings.intIn(config, SESSION_TIMEOUT_DAYS, 30, 1, 3650),
        origin.isEmpty() ? null : origin);
  }

  long sessionTimeoutMs() {
    return TimeUnit.DAYS.toMillis(sessionTimeoutDays);
  }

  /** Cookies are Secure when configured so or when this request itself came over TLS. */
  boolean secureCookies(RoutingContext ctx) {
    return cookieSecure || ctx.request().isSSL();
  }

  private static void requireOrigin(String origin) {
    try {
      URI uri = new URI(origin);
      boolean bare = uri.getPath() == null || uri.getPath().isEmpty();
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null && bare
          && uri.getQuery() == null && uri.getUserInfo() == null) {
        return;
      }
    } catch (URISyntaxException malformed) {
      // reported below
    }
    throw new IllegalArgumentException(HTTP_ORIGIN + " must be scheme://host[:port] like http://hub.local:8080, got '" + origin + "'");
  }
}

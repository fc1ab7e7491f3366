package io.sensepulse.gateway;

import io.sensepulse.common.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.sstore.redis.RedisSessionStore;

/**
 * Signed-in sessions, kept in Redis by Vert.x Web's session store (key: the bare session id, with a
 * PX expiry), so a sign-in survives a restart of the hub. A session holds only the user's principal,
 * {@code {username, role}}; what the user may do is decided anew on each request by {@link Access}.
 * Sessions are lazy: anonymous visitors never get one, so they cost Redis nothing.
 */
final class Sessions {
  static final String COOKIE = "pulse.session";

  private final WebSecuritySettings settings;
  private final SessionHandler plain;
  private final SessionHandler secure;

  Sessions(Vertx vertx, Store store, WebSecuritySettings settings) {
    this.settings = settings;
    // No retry: there is one hub, so a session missing from Redis is gone rather than still propagating.
    SessionStore sessionStore = RedisSessionStore.create(vertx, 0, store.client());
    this.plain = handler(sessionStore, settings, false);
    this.secure = handler(sessionStore, settings, true);
  }

  private static SessionHandler handler(SessionStore store, WebSecuritySettings settings, boolean secure) {
    return SessionHandler.create(store)
        .setSessionCookieName(COOKIE)
        .setSessionTimeout(settings.sessionTimeoutMs())
        // Persistent, so a phone stays signed in across browser restarts for as long as the session lives.
        .setCookieMaxAge(settings.sessionTimeoutMs() / 1000)
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT)
        .setCookieSecureFlag(secure)
        .setLazySession(true);
  }

  /** The session handler whose cookies suit this request (Secure over TLS or when configured). */
  SessionHandler handler(RoutingContext ctx) {
    return settings.secureCookies(ctx) ? secure : plain;
  }

  /** Signs the user in under a new session id, so an id planted before sign-in is worth nothing. */
  Future<Void> signIn(RoutingContext ctx, AuthConfig.Account account) {
    ctx.session().regenerateId();
    User user = User.create(new JsonObject().put(Access.USERNAME, account.username()).put("role", account.role()));
    return handler(ctx).setUser(ctx, user);
  }

  /** Destroys the session in Redis before answering, so the old cookie is dead when the client hears back. */
  Future<Void> signOut(RoutingContext ctx) {
    ctx.userContext().clear();
    return handler(ctx).flush(ctx, true);
  }

  /** Using the session stores it again after the response, with a fresh expiry: an opened dashboard keeps it alive. */
  void touch(RoutingContext ctx) {
    ctx.session();
  }
}

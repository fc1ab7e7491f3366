package io.sensepulse.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.HttpException;

/**
 * Who may do what, when sign-in is enabled: reads need a signed-in user unless anonymous reading is
 * allowed; writes (every method but GET and HEAD) need an operator and a CSRF token. The sign-in
 * routes under {@code /api/auth/} stay open to everyone. With sign-in off, all of this steps aside.
 */
final class AccessControl {
  static final String AUTH_ROUTES = "/api/auth/";
  /** Who may sign in, and as what, is for operators only, even to read. */
  static final String AUTH_CONFIG = "/api/config/" + io.sensepulse.common.ConfigSections.AUTH;
  /** Marks a request whose CSRF check is under way, so only that check's refusal is answered as one. */
  private static final String CSRF_CHECKING = "pulse.csrf-checking";

  private final AuthState auth;
  private final Sessions sessions;
  private final WebSecuritySettings settings;
  private final CSRFHandler plainCsrf;
  private final CSRFHandler secureCsrf;

  AccessControl(Vertx vertx, AuthState auth, Sessions sessions, WebSecuritySettings settings, String csrfSecret) {
    this.auth = auth;
    this.sessions = sessions;
    this.settings = settings;
    this.plainCsrf = csrf(vertx, csrfSecret, settings, false);
    this.secureCsrf = csrf(vertx, csrfSecret, settings, true);
  }

  /**
   * Without a session handler before it, the CSRF handler checks a signed double-submit cookie
   * rather than a token kept in the session: tokens then survive sign-in (which renews the session
   * id) and parallel writes, and stay valid across restarts because the key is persisted.
   */
  private static CSRFHandler csrf(Vertx vertx, String secret, WebSecuritySettings settings, boolean secure) {
    return CSRFHandler.create(vertx, secret).setCookieSecure(secure).setTimeout(settings.sessionTimeoutMs());
  }

  /** On {@code /api/*}, after the body is read (the CSRF handler needs it) and before the routes. */
  void mountApi(Router router) {
    router.route(Replies.API)
        .handler(this::checkCsrf)
        .handler(ctx -> {
          ctx.remove(CSRF_CHECKING);
          ctx.next();
        })
        .failureHandler(AccessControl::csrfRefused);
    identify(router, Replies.API);
    router.route(Replies.API).handler(AccessControl::authorizeApi);
  }

  /** Loads the session and decides the request's {@link Access}; other routes than the API use it too. */
  void identify(Router router, String path) {
    router.route(path).handler(this::loadSession).handler(this::resolve);
  }

  static void requireRead(RoutingContext ctx) {
    if (Access.of(ctx).canRead()) {
      ctx.next();
    } else {
      ctx.fail(new HttpException(401, "sign in to view"));
    }
  }

  private void checkCsrf(RoutingContext ctx) {
    if (!auth.current().enabled()) {
      ctx.next();
      return;
    }
    ctx.put(CSRF_CHECKING, true);
    (settings.secureCookies(ctx) ? secureCsrf : plainCsrf).handle(ctx);
  }

  private static void csrfRefused(RoutingContext ctx) {
    if (Boolean.TRUE.equals(ctx.get(CSRF_CHECKING)) && ctx.statusCode() == 403) {
      Replies.error(ctx, 403, "missing or invalid CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header");
    } else {
      ctx.next();
    }
  }

  private void loadSession(RoutingContext ctx) {
    if (auth.current().enabled()) {
      sessions.handler(ctx).handle(ctx);
    } else {
      ctx.next();
    }
  }

  private void resolve(RoutingContext ctx) {
    User user = ctx.user();
    Access access = Access.resolve(auth.current(), user);
    if (access.authEnabled() && user != null && !access.authenticated()) {
      // The account was removed since sign-in: end its session rather than keep a dead one in Redis.
      ctx.userContext().clear();
    }
    ctx.put(Access.KEY, access);
    ctx.next();
  }

  private static void authorizeApi(RoutingContext ctx) {
    Access access = Access.of(ctx);
    if (ctx.normalizedPath().startsWith(AUTH_ROUTES)) {
      ctx.next();
    } else if (!isWrite(ctx.request().method()) && !ctx.normalizedPath().equals(AUTH_CONFIG)) {
      requireRead(ctx);
    } else if (access.canWrite()) {
      ctx.next();
    } else if (access.authenticated()) {
      ctx.fail(new HttpException(403, "operators only"));
    } else {
      ctx.fail(new HttpException(401, "sign in to make changes"));
    }
  }

  static boolean isWrite(HttpMethod method) {
    return !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD);
  }
}

package io.sensepulse.gateway;

import io.sensepulse.common.auth.PasswordHashes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * {@code GET /api/auth/me}, {@code POST /api/auth/login} and {@code POST /api/auth/logout}. Failed
 * sign-ins are logged with the username and client address; passwords, hashes, cookies and session
 * ids never are.
 */
final class AuthRoutes {
  private static final Logger LOG = Logger.getLogger(AuthRoutes.class.getName());
  static final String WRONG = "wrong username or password";
  /** Longer than any password a person types; bounds the work a request can ask of bcrypt's input handling. */
  static final int MAX_PASSWORD = 1024;

  private final Vertx vertx;
  private final AuthState auth;
  private final Sessions sessions;
  private final LoginThrottle throttle;

  AuthRoutes(Vertx vertx, AuthState auth, Sessions sessions, LoginThrottle throttle) {
    this.vertx = vertx;
    this.auth = auth;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  void mount(Router router) {
    router.get("/api/auth/me").handler(this::me);
    router.post("/api/auth/login").handler(this::login);
    router.post("/api/auth/logout").handler(this::logout);
  }

  private void me(RoutingContext ctx) {
    Access access = Access.of(ctx);
    if (access.authenticated()) {
      sessions.touch(ctx);
    }
    Replies.ok(ctx, access.toJson());
  }

  private record Credentials(String username, String password) {}

  private void login(RoutingContext ctx) {
    AuthConfig config = auth.current();
    if (!config.enabled()) {
      ctx.fail(new HttpException(409, "sign-in is not enabled"));
      return;
    }
    Credentials credentials;
    try {
      credentials = credentials(ctx.body().buffer());
    } catch (IllegalArgumentException e) {
      ctx.fail(new HttpException(400, e.getMessage()));
      return;
    }
    String address = clientAddress(ctx);
    long wait = throttle.begin(address);
    if (wait > 0) {
      LOG.warning("sign-in refused for " + printable(credentials.username()) + " from " + address + ": too many failures");
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
      Replies.send(ctx, 429, new JsonObject()
          .put("error", "too many failed sign-ins from this address; try again in " + wait + " s")
          .put("retry_after", wait));
      return;
    }
    AuthConfig.Account account = config.user(credentials.username());
    // An unknown user costs a verification too, so the answer's timing does not reveal who exists.
    String hash = account != null ? account.passwordHash() : config.decoyHash();
    vertx.executeBlocking(() -> verify(credentials.password(), hash))
        .onComplete(matches -> {
          AuthConfig.Account now = auth.current().user(credentials.username());
          if (matches && account != null && account.equals(now)) {
            throttle.succeeded(address);
            signIn(ctx, account, address);
          } else {
            throttle.failed(address);
            LOG.warning("sign-in failed for " + printable(credentials.username()) + " from " + address);
            ctx.fail(new HttpException(401, WRONG));
          }
        }, ctx::fail);
  }

  private void signIn(RoutingContext ctx, AuthConfig.Account account, String address) {
    sessions.signIn(ctx, account).onComplete(stored -> {
      LOG.info("signed in: " + printable(account.username()) + " (" + account.role() + ") from " + address);
      Replies.ok(ctx, new JsonObject().put("username", account.username()).put("role", account.role()));
    }, ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    sessions.signOut(ctx).onComplete(done -> ctx.response().setStatusCode(204).end(), ctx::fail);
  }

  private static Credentials credentials(Buffer body) {
    Object parsed;
    try {
      parsed = body == null || body.length() == 0 ? null : Json.decodeValue(body);
    } catch (DecodeException e) {
      parsed = null;
    }
    // The parser's message would quote the body, and with it the password: say only what is expected.
    if (!(parsed instanceof JsonObject json)) {
      throw new IllegalArgumentException("the body must be a JSON object {\"username\": ..., \"password\": ...}");
    }
    if (!(json.getValue("username") instanceof String username) || username.isBlank() || username.length() > 64) {
      throw new IllegalArgumentException("username must be a string of 1-64 characters");
    }
    if (!(json.getValue("password") instanceof String password) || password.isEmpty() || password.length() > MAX_PASSWORD) {
      throw new IllegalArgumentException("password must be a string of 1-" + MAX_PASSWORD + " characters");
    }
    return new Credentials(username.trim(), password);
  }

  /** Runs on a worker: bcrypt takes most of a second on a Pi. */
  private static boolean verify(String password, String hash) {
    char[] chars = password.toCharArray();
    try {
      return PasswordHashes.verify(chars, hash);
    } catch (IllegalArgumentException beyondBcryptsLimit) {
      return false;
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private static String clientAddress(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
  }

  /** A username as typed, quoted and stripped of control characters so it cannot forge log lines. */
  private static String printable(String username) {
    return "'" + username.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}

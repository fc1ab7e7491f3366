package io.sensepulse.gateway;

import io.sensepulse.common.store.Store;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How the API answers: JSON, never cached, and every error as {@code {"error": "..."}}. Route
 * handlers fail the context with an {@link HttpException} (status and message for the user); the
 * failure handler here turns that, and Redis being down, into the response.
 */
final class Replies {
  private Replies() {}

  private static final Logger LOG = Logger.getLogger(Replies.class.getName());
  static final String API = "/api/*";
  /** Request bodies are small JSON documents; anything bigger is a mistake or an attack on a 1 GB Pi. */
  static final int BODY_LIMIT = 64 * 1024;

  /**
   * Before the API routes: the headers every API answer carries, errors included, and the body of
   * every write read up front (the CSRF check may look for its token there).
   */
  static void mountApiDefaults(Router router) {
    router.route(API).handler(ctx -> {
      ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      ctx.next();
    });
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    router.route(API).handler(ctx -> {
      if (AccessControl.isWrite(ctx.request().method())) {
        bodies.handle(ctx);
      } else {
        ctx.next();
      }
    });
  }

  /** After the API routes: unknown API paths are a JSON 404 rather than the static handler's page. */
  static void mountApiFallbacks(Router router) {
    router.route(API).handler(ctx -> ctx.fail(new HttpException(404,
        "no API endpoint " + ctx.request().method() + " " + ctx.normalizedPath())));
    router.route(API).failureHandler(Replies::failure);
  }

  static void ok(RoutingContext ctx, Object body) {
    send(ctx, 200, body);
  }

  static void error(RoutingContext ctx, int status, String message) {
    send(ctx, status, new JsonObject().put("error", message));
  }

  static void send(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).end(Json.encode(body));
  }

  private static void failure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      return;
    }
    Throwable failure = ctx.failure();
    if (failure == null && ctx.statusCode() == 413) {
      // BodyHandler fails with a bare 413; give the user the limit.
      error(ctx, 413, "the body is larger than the " + BODY_LIMIT + " byte limit");
    } else if (failure instanceof HttpException http && http.getPayload() != null) {
      error(ctx, http.getStatusCode(), http.getPayload());
    } else if (failure instanceof Store.StoreUnavailableException unavailable) {
      error(ctx, 503, unavailable.getMessage());
    } else if (failure == null || failure instanceof HttpException) {
      // A bare status, e.g. from BodyHandler: its reason phrase is the message.
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      error(ctx, status, ctx.response().setStatusCode(status).getStatusMessage().toLowerCase(Locale.ROOT));
    } else {
      LOG.log(Level.WARNING, "API request " + ctx.request().method() + " " + ctx.normalizedPath() + " failed", failure);
      error(ctx, 500, "internal error");
    }
  }
}

package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.Secrets;
import io.sensepulse.common.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * {@code GET/PUT /api/config/{section}}. A write must pass the section's validator; it is stored
 * normalised, then {@link Addresses#CONFIG_CHANGED} tells the cluster to reload it. Documents go
 * out with their secrets redacted; a secret sent back redacted keeps its stored value (for auth:
 * a user's hash, when sent back redacted or missing).
 */
final class ConfigRoutes {
  private final Vertx vertx;
  private final Store store;
  private final AuthState auth;

  ConfigRoutes(Vertx vertx, Store store, AuthState auth) {
    this.vertx = vertx;
    this.store = store;
    this.auth = auth;
  }

  void mount(Router router) {
    router.get("/api/config/:section").handler(this::read);
    router.put("/api/config/:section").handler(this::write);
  }

  private void read(RoutingContext ctx) {
    String section = knownSection(ctx);
    if (section != null) {
      store.config(section)
          .onComplete(document -> Replies.ok(ctx, document == null ? new JsonObject() : Secrets.redact(document)), ctx::fail);
    }
  }

  private void write(RoutingContext ctx) {
    String section = knownSection(ctx);
    if (section == null) {
      return;
    }
    boolean isAuth = ConfigSections.AUTH.equals(section);
    // Auth keeps hashes per user; other sections keep their stored secrets by field.
    Future<JsonObject> stored = isAuth ? Future.succeededFuture() : store.config(section);
    stored.compose(previous -> {
      JsonObject document;
      try {
        JsonObject incoming = jsonObject(ctx.body().buffer(), ConfigSections.SCHEDULE.equals(section));
        document = ConfigSections.validate(section,
            isAuth ? auth.current().withKnownHashes(incoming) : Secrets.restoreRedacted(incoming, previous));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new HttpException(400, e.getMessage()));
      }
      return store.putConfig(section, document).map(document);
    }).onSuccess(document -> {
      if (isAuth) {
        // In force before the answer, so the writer's next request already meets the new settings.
        auth.apply(document);
      }
      vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new JsonObject().put("section", section));
    }).onComplete(document -> Replies.ok(ctx, Secrets.redact(document)), ctx::fail);
  }

  /** The section path parameter, or null after failing the request with 404. */
  private static String knownSection(RoutingContext ctx) {
    String section = ctx.pathParam("section");
    if (!ConfigSections.isKnown(section)) {
      ctx.fail(new HttpException(404, "unknown config section '" + section + "'; known: " + ConfigSections.names()));
      return null;
    }
    return section;
  }

  /** The parser's message quotes the body, so it is given only where the body holds no secret. */
  static JsonObject jsonObject(Buffer body, boolean detailed) {
    if (body == null || body.length() == 0) {
      throw new IllegalArgumentException("the body must be a JSON object; it was empty");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("the body is not valid JSON" + (detailed ? ": " + e.getMessage() : ""));
    }
    if (parsed instanceof JsonObject object) {
      return object;
    }
    throw new IllegalArgumentException("the body must be a JSON object, not " + describe(parsed));
  }

  private static String describe(Object value) {
    if (value instanceof JsonArray) {
      return "an array";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    }
    return "null";
  }
}

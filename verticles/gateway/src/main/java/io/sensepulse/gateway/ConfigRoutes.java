package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.store.Store;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;

/**
 * {@code GET/PUT /api/config/{section}}. A write must pass the section's validator; it is stored
 * normalised, then {@link Addresses#CONFIG_CHANGED} tells the cluster to reload it.
 */
final class ConfigRoutes {
  /** Config documents are small; anything bigger is a mistake or an attack on a 1 GB Pi. */
  static final int BODY_LIMIT = 64 * 1024;

  private final Vertx vertx;
  private final Store store;

  ConfigRoutes(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
  }

  void mount(Router router) {
    router.get("/api/config/:section").handler(this::read);
    router.put("/api/config/:section")
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(this::write)
        .failureHandler(ConfigRoutes::bodyTooLarge);
  }

  private void read(RoutingContext ctx) {
    String section = knownSection(ctx);
    if (section != null) {
      store.config(section).onComplete(document -> Replies.ok(ctx, document == null ? new JsonObject() : document), ctx::fail);
    }
  }

  private void write(RoutingContext ctx) {
    String section = knownSection(ctx);
    if (section == null) {
      return;
    }
    JsonObject document;
    try {
      document = ConfigSections.validate(section, jsonObject(ctx.body().buffer()));
    } catch (IllegalArgumentException e) {
      ctx.fail(new HttpException(400, e.getMessage()));
      return;
    }
    store.putConfig(section, document)
        .onSuccess(stored -> vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new JsonObject().put("section", section)))
        .onComplete(stored -> Replies.ok(ctx, document), ctx::fail);
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

  private static JsonObject jsonObject(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new IllegalArgumentException("the body must be a JSON object; it was empty");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("the body is not valid JSON: " + e.getMessage());
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

  /** BodyHandler fails with a bare 413; give the user the limit. */
  private static void bodyTooLarge(RoutingContext ctx) {
    if (ctx.statusCode() == 413 && ctx.failure() == null) {
      Replies.error(ctx, 413, "the body is larger than the " + BODY_LIMIT + " byte limit");
    } else {
      ctx.next();
    }
  }
}

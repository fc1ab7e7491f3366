package io.sensepulse.rig.api;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.rig.recorder.RecorderVerticle;
import io.sensepulse.rig.recorder.RecordingNames;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * A recorder node's own HTTP API (catalogue {@code rig.node-api}) on {@code http_port}, under
 * {@code /api/v1}: status, record start/stop, recordings, config, self-test and Lock View. It
 * validates what arrives and asks the node's {@link RecorderVerticle} over the bus; error replies
 * carry the recorder's code (400, 409, 500) as the HTTP status.
 */
public class NodeApiVerticle extends VerticleBase {
  public static final String PREFIX = "/api/v1";
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final long REQUEST_TIMEOUT_MILLIS = 15_000;
  /** A self-test records up to a minute (selftest_seconds) plus start-up and verification. */
  static final long SELFTEST_TIMEOUT_MILLIS = 150_000;

  private String address;
  private HttpServer server;

  @Override
  public Future<?> start() {
    PulseSettings settings = PulseSettings.from(config());
    address = Addresses.rigNode(settings.nodeId());
    Router router = Router.router(vertx);
    router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.get(PREFIX + "/status").handler(ctx -> ask(ctx, new JsonObject().put("action", "status"), REQUEST_TIMEOUT_MILLIS));
    router.post(PREFIX + "/record/start").handler(ctx -> body(ctx, Set.of("session", "start_at")).ifPresent(body ->
        ask(ctx, body.put("action", "start"), REQUEST_TIMEOUT_MILLIS)));
    router.post(PREFIX + "/record/stop").handler(ctx -> body(ctx, Set.of("stop_at")).ifPresent(body ->
        ask(ctx, body.put("action", "stop"), REQUEST_TIMEOUT_MILLIS)));
    router.get(PREFIX + "/recordings").handler(ctx -> ask(ctx, new JsonObject().put("action", "recordings"), REQUEST_TIMEOUT_MILLIS));
    router.get(PREFIX + "/config").handler(ctx -> ask(ctx, new JsonObject().put("action", "config"), REQUEST_TIMEOUT_MILLIS));
    router.post(PREFIX + "/config").handler(ctx -> body(ctx, Set.of("settings", "version")).ifPresent(body -> {
      if (!(body.getValue("settings") instanceof JsonObject changes)) {
        error(ctx, 400, "body must be {\"settings\": {...}, \"version\": n (optional)}");
        return;
      }
      ask(ctx, new JsonObject().put("action", "config").put("config", changes).put("version", body.getValue("version")),
          REQUEST_TIMEOUT_MILLIS);
    }));
    router.post(PREFIX + "/selftest").handler(ctx -> body(ctx, Set.of()).ifPresent(body ->
        ask(ctx, new JsonObject().put("action", "selftest"), SELFTEST_TIMEOUT_MILLIS)));
    router.post(PREFIX + "/lockview").handler(ctx -> body(ctx, Set.of()).ifPresent(body ->
        ask(ctx, new JsonObject().put("action", "lockview"), REQUEST_TIMEOUT_MILLIS)));
    router.get(PREFIX + "/lockview/latest.jpg").handler(ctx -> latestSnapshot(ctx, settings));
    router.route(PREFIX + "/*").handler(ctx -> error(ctx, 404, "no such endpoint: " + ctx.request().method() + " "
        + ctx.request().path()));
    return vertx.createHttpServer().requestHandler(router).listen(settings.httpPort()).onSuccess(started -> server = started);
  }

  /** The actual port (tests listen on 0). */
  public int port() {
    return server.actualPort();
  }

  /** The body as a JSON object with only the allowed fields (empty when there is none), or a 400 already sent. */
  private static java.util.Optional<JsonObject> body(RoutingContext ctx, Set<String> allowed) {
    String text = ctx.body().asString();
    JsonObject body;
    if (text == null || text.isBlank()) {
      body = new JsonObject();
    } else {
      try {
        Object parsed = io.vertx.core.json.Json.decodeValue(text);
        if (!(parsed instanceof JsonObject object)) {
          error(ctx, 400, "body must be a JSON object");
          return java.util.Optional.empty();
        }
        body = object;
      } catch (DecodeException e) {
        error(ctx, 400, "body is not valid JSON");
        return java.util.Optional.empty();
      }
    }
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        error(ctx, 400, "unknown field '" + field + "'" + (allowed.isEmpty() ? "; this endpoint takes no body"
            : "; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(body);
  }

  private void ask(RoutingContext ctx, JsonObject request, long timeoutMillis) {
    vertx.eventBus().<JsonObject>request(address, request, new DeliveryOptions().setSendTimeout(timeoutMillis))
        .onComplete(reply -> {
          JsonObject answer = reply.body();
          if ("ok".equals(answer.getString("status"))) {
            json(ctx, 200, answer.getJsonObject("data", new JsonObject()));
          } else {
            JsonObject body = answer.copy();
            body.remove("status");
            int code = body.getValue("code") instanceof Integer value && value >= 400 && value < 600 ? value : 500;
            body.remove("code");
            json(ctx, code, body);
          }
        }, failure -> error(ctx, 503, "the recorder did not answer: " + failure.getMessage()));
  }

  private void latestSnapshot(RoutingContext ctx, PulseSettings settings) {
    vertx.eventBus().<JsonObject>request(address, new JsonObject().put("action", "status"),
            new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS))
        .onComplete(reply -> {
          JsonObject data = reply.body().getJsonObject("data", new JsonObject());
          String name = data.getString("last_snapshot");
          if (!RecordingNames.isServable(name)) {
            error(ctx, 404, "no Lock View snapshot yet");
            return;
          }
          ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "no-store")
              .sendFile(settings.dataDir().resolve(RecorderVerticle.RECORDINGS).resolve(name).toString())
              .onFailure(error -> {
                if (!ctx.response().headWritten()) {
                  error(ctx, 404, "snapshot " + name + " is gone");
                }
              });
        }, failure -> error(ctx, 503, "the recorder did not answer: " + failure.getMessage()));
  }

  private static void error(RoutingContext ctx, int code, String message) {
    json(ctx, code, new JsonObject().put("error", message));
  }

  private static void json(RoutingContext ctx, int code, JsonObject body) {
    ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(body.encode());
  }
}

package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.Ids;
import io.sensepulse.common.Secrets;
import io.sensepulse.common.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Set;

/**
 * The cameras' REST API: the list with each stream's state, start and stop (through the
 * orchestrator), PTZ (to the camera's streamer), discovery, and adding or changing one camera of
 * {@code config:camera}. A command's answer is passed on as it came, {@code {status: "ok", data}}
 * with 200 or {@code {status: "error", error}} with 422; 503 when nobody answers. Writes need an
 * operator and a CSRF token when sign-in is on ({@link AccessControl} sees to it under /api).
 */
final class CameraRoutes {
  static final String SECTION = "camera";
  static final Set<String> DIRECTIONS = Set.of("up", "down", "left", "right", "zoomin", "zoomout");
  /** The streamer's PTZ step range; how far a step moves is the PTZ driver's to say. */
  static final double MIN_STEP = 0.1;
  static final double MAX_STEP = 1;
  static final double DEFAULT_STEP = 0.5;
  /** A deploy is bounded at 15 s by the orchestrator, a stop may take the streamer 5 s and more. */
  static final long COMMAND_TIMEOUT_MS = 20_000;
  /** A subnet scan with its confirmations takes a while. */
  static final long DISCOVER_TIMEOUT_MS = 60_000;
  private static final Set<String> CAMERA_FIELDS = Set.of("id", "name", "rtsp_url", "transport", "onvif", "node");
  private static final Set<String> ONVIF_FIELDS = Set.of("host", "port", "username", "password");

  private final Vertx vertx;
  private final Store store;

  CameraRoutes(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
  }

  void mount(Router router) {
    router.get("/api/cameras").handler(this::list);
    router.post("/api/cameras/discover").handler(ctx -> forward(ctx, Addresses.CMD_ORCHESTRATOR,
        new JsonObject().put("command", "discover_cameras"), DISCOVER_TIMEOUT_MS, "no orchestrator is running"));
    router.post("/api/cameras/:camera/start").handler(ctx -> orchestrate(ctx, "start_camera"));
    router.post("/api/cameras/:camera/stop").handler(ctx -> orchestrate(ctx, "stop_camera"));
    router.post("/api/cameras/:camera/ptz").handler(this::ptz);
    router.put("/api/cameras/:camera").handler(this::save);
  }

  private void list(RoutingContext ctx) {
    Future<JsonObject> config = store.config(SECTION);
    Future<JsonObject> readings = store.readings(Addresses.CAMERA_SOURCE);
    Future<JsonObject> status = store.status(Addresses.CAMERA_SOURCE);
    Future.all(config, readings, status)
        .map(all -> CameraList.build(config.result(), readings.result(), status.result()))
        .onComplete(list -> Replies.ok(ctx, list), ctx::fail);
  }

  private void orchestrate(RoutingContext ctx, String command) {
    String camera = camera(ctx);
    if (camera != null) {
      forward(ctx, Addresses.CMD_ORCHESTRATOR, new JsonObject().put("command", command).put("camera", camera),
          COMMAND_TIMEOUT_MS, "no orchestrator is running");
    }
  }

  /** {@code {direction: up|down|left|right|zoomin|zoomout, step: 0.1-1, default 0.5}}. */
  private void ptz(RoutingContext ctx) {
    String camera = camera(ctx);
    if (camera == null) {
      return;
    }
    JsonObject body;
    try {
      body = jsonObject(ctx.body().buffer());
    } catch (IllegalArgumentException e) {
      ctx.fail(new HttpException(400, e.getMessage()));
      return;
    }
    Object direction = body.getValue("direction");
    Object step = body.containsKey("step") ? body.getValue("step") : DEFAULT_STEP;
    if (!(direction instanceof String text) || !DIRECTIONS.contains(text)) {
      ctx.fail(new HttpException(400, "'direction' must be one of up, down, left, right, zoomin, zoomout"));
      return;
    }
    if (!(step instanceof Number number) || !(number.doubleValue() >= MIN_STEP && number.doubleValue() <= MAX_STEP)) {
      ctx.fail(new HttpException(400, "'step' must be a number from " + MIN_STEP + " to " + MAX_STEP));
      return;
    }
    forward(ctx, Addresses.cmdCamera(camera), new JsonObject().put("action", "ptz_move").put("direction", direction)
        .put("step", step), COMMAND_TIMEOUT_MS, "camera " + camera + " is not streaming; start it first");
  }

  /**
   * Adds the camera to {@code config:camera}, or replaces the one with its id. Secrets sent back as
   * they were read (redacted) keep their stored values, so a client never needs to hold them.
   */
  private void save(RoutingContext ctx) {
    String id = camera(ctx);
    if (id == null) {
      return;
    }
    JsonObject camera;
    try {
      camera = validCamera(id, jsonObject(ctx.body().buffer()));
    } catch (IllegalArgumentException e) {
      ctx.fail(new HttpException(400, e.getMessage()));
      return;
    }
    store.config(SECTION).compose(stored -> {
      JsonObject section = stored == null ? new JsonObject() : stored.copy();
      JsonArray cameras = section.getValue("cameras") instanceof JsonArray list ? list : new JsonArray();
      JsonArray updated = new JsonArray();
      boolean replaced = false;
      for (Object entry : cameras) {
        if (entry instanceof JsonObject existing && id.equals(existing.getValue("id"))) {
          updated.add(keepSecrets(camera, existing));
          replaced = true;
        } else {
          updated.add(entry);
        }
      }
      if (!replaced) {
        updated.add(camera);
      }
      JsonObject document = section.put("cameras", updated);
      try {
        // The camera module's validator, where this hub has it, has the last word on the section.
        document = ConfigSections.isKnown(SECTION) ? ConfigSections.validate(SECTION, document) : document;
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new HttpException(400, e.getMessage()));
      }
      return store.putConfig(SECTION, document).map(document);
    }).onSuccess(document -> vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new JsonObject().put("section", SECTION)))
        .onComplete(document -> Replies.ok(ctx, saved(document, id)), ctx::fail);
  }

  private static JsonObject saved(JsonObject document, String id) {
    for (Object entry : document.getJsonArray("cameras")) {
      if (entry instanceof JsonObject camera && id.equals(camera.getValue("id"))) {
        return Secrets.redact(camera);
      }
    }
    return new JsonObject();
  }

  /** The fields this API knows, checked; never quoting the URL, which may hold a password. */
  static JsonObject validCamera(String id, JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!CAMERA_FIELDS.contains(field)) {
        throw new IllegalArgumentException("unknown field '" + field + "'; known: " + CAMERA_FIELDS);
      }
    }
    if (body.containsKey("id") && !id.equals(body.getValue("id"))) {
      throw new IllegalArgumentException("'id' differs from the camera in the path");
    }
    Object name = body.getValue("name", id);
    if (!(name instanceof String text) || text.isBlank() || text.length() > 80) {
      throw new IllegalArgumentException("'name' must be 1-80 characters");
    }
    Object url = body.getValue("rtsp_url");
    if (!(url instanceof String rtsp) || !(rtsp.startsWith("rtsp://") || rtsp.startsWith("rtsps://"))
        || rtsp.length() > 1000 || rtsp.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("'rtsp_url' must be an rtsp:// or rtsps:// URL without spaces");
    }
    Object transport = body.getValue("transport", "tcp");
    if (!"tcp".equals(transport) && !"udp".equals(transport)) {
      throw new IllegalArgumentException("'transport' must be tcp or udp");
    }
    JsonObject camera = new JsonObject().put("id", id).put("name", ((String) name).trim()).put("rtsp_url", url)
        .put("transport", transport);
    if (body.getValue("node") != null) {
      if (!(body.getValue("node") instanceof String node) || !Ids.isNodeId(node)) {
        throw new IllegalArgumentException("'node' must be a node id: 1-64 of A-Z, a-z, 0-9, _, -, .");
      }
      camera.put("node", node);
    }
    if (body.getValue("onvif") != null) {
      camera.put("onvif", validOnvif(body.getValue("onvif")));
    }
    return camera;
  }

  private static JsonObject validOnvif(Object value) {
    if (!(value instanceof JsonObject onvif)) {
      throw new IllegalArgumentException("'onvif' must be {host, port, username, password}");
    }
    for (String field : onvif.fieldNames()) {
      if (!ONVIF_FIELDS.contains(field)) {
        throw new IllegalArgumentException("unknown onvif field '" + field + "'; known: " + ONVIF_FIELDS);
      }
    }
    if (!(onvif.getValue("host") instanceof String host) || !host.matches("[A-Za-z0-9.:\\[\\]_-]{1,253}")) {
      throw new IllegalArgumentException("'onvif.host' must be a host name or address");
    }
    Object port = onvif.getValue("port", 80);
    if (!(port instanceof Integer number) || number < 1 || number > 65535) {
      throw new IllegalArgumentException("'onvif.port' must be a port number 1-65535");
    }
    JsonObject valid = new JsonObject().put("host", host).put("port", port);
    for (String field : new String[] {"username", "password"}) {
      Object text = onvif.getValue(field);
      if (text != null && !(text instanceof String)) {
        throw new IllegalArgumentException("'onvif." + field + "' must be text");
      }
      if (text != null) {
        valid.put(field, text);
      }
    }
    return valid;
  }

  /** A redacted password or URL sent back means "unchanged". */
  private static JsonObject keepSecrets(JsonObject incoming, JsonObject stored) {
    JsonObject camera = incoming.copy();
    if (stored.getValue("rtsp_url") instanceof String storedUrl && !storedUrl.equals(Secrets.redactUrl(storedUrl))
        && Secrets.redactUrl(storedUrl).equals(camera.getValue("rtsp_url"))) {
      camera.put("rtsp_url", storedUrl);
    }
    if (camera.getValue("onvif") instanceof JsonObject onvif && Secrets.REDACTED.equals(onvif.getValue("password"))) {
      Object storedPassword = stored.getValue("onvif") instanceof JsonObject storedOnvif ? storedOnvif.getValue("password") : null;
      if (storedPassword != null) {
        onvif.put("password", storedPassword);
      } else {
        onvif.remove("password");
      }
    }
    return camera;
  }

  /** Sends a command and answers with its reply; {@code nobody} is the 503 message when none answers. */
  private void forward(RoutingContext ctx, String address, JsonObject command, long timeoutMs, String nobody) {
    vertx.eventBus().<Object>request(address, command, new DeliveryOptions().setSendTimeout(timeoutMs)).onComplete(reply -> {
      if (reply.body() instanceof JsonObject body && ("ok".equals(body.getValue("status")) || "error".equals(body.getValue("status")))) {
        Replies.send(ctx, "ok".equals(body.getValue("status")) ? 200 : 422, body);
      } else {
        ctx.fail(new HttpException(502, "the answer to the command was not {status, ...}"));
      }
    }, error -> {
      if (error instanceof ReplyException failure && failure.failureType() == ReplyFailure.NO_HANDLERS) {
        ctx.fail(new HttpException(address.equals(Addresses.CMD_ORCHESTRATOR) ? 503 : 409, nobody));
      } else if (error instanceof ReplyException failure && failure.failureType() == ReplyFailure.TIMEOUT) {
        ctx.fail(new HttpException(504, "no answer within " + timeoutMs / 1000 + " s"));
      } else {
        ctx.fail(new HttpException(502, Secrets.redactUrl(String.valueOf(error.getMessage()))));
      }
    });
  }

  /** The path's camera id, or null after failing the request with 400. */
  private static String camera(RoutingContext ctx) {
    String camera = ctx.pathParam("camera");
    if (!Ids.isCameraId(camera)) {
      ctx.fail(new HttpException(400, "invalid camera id: use 1-40 of A-Z, a-z, 0-9, _, -"));
      return null;
    }
    return camera;
  }

  /** The parser's message may quote the body (a password), so it is not passed on. */
  private static JsonObject jsonObject(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new IllegalArgumentException("the body must be a JSON object; it was empty");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("the body is not valid JSON");
    }
    if (parsed instanceof JsonObject object) {
      return object;
    }
    throw new IllegalArgumentException("the body must be a JSON object");
  }
}

package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Set;

/**
 * The recorder rig through the hub: {@code GET /api/rig} (every recorder's status, what they
 * disagree on, whether they may start), {@code POST /api/rig/start} {@code {session}},
 * {@code POST /api/rig/stop}, each answered per node by the rig coordinator, and
 * {@code POST /api/rig/{node}/lockview|selftest} passed to that node's recorder. Writes need an
 * operator and the CSRF token when sign-in is on ({@link AccessControl} guards all of /api).
 */
final class RigRoutes {
  /** The coordinator asks the registry, then every node twice with a 3 s timeout each: this covers it. */
  static final long COORDINATOR_TIMEOUT_MS = 15_000;
  /** A self-test records a few seconds of video on the node. */
  static final long NODE_ACTION_TIMEOUT_MS = 30_000;
  static final Set<String> NODE_ACTIONS = Set.of("lockview", "selftest");

  private final Vertx vertx;

  RigRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router router) {
    router.get("/api/rig").handler(ctx -> coordinator(ctx, new JsonObject().put("action", "status")));
    router.post("/api/rig/start").handler(this::start);
    router.post("/api/rig/stop").handler(ctx -> {
      if (body(ctx, Set.of()) != null) {
        coordinator(ctx, new JsonObject().put("action", "stop"));
      }
    });
    router.post("/api/rig/:node/:action").handler(this::nodeAction);
  }

  private void start(RoutingContext ctx) {
    JsonObject body = body(ctx, Set.of("session"));
    if (body == null) {
      return;
    }
    Object session = body.getValue("session");
    if (session != null && !(session instanceof String)) {
      ctx.fail(new HttpException(400, "session must be a string"));
      return;
    }
    coordinator(ctx, new JsonObject().put("action", "start").put("session", session));
  }

  /** The request body as a JSON object with only the allowed fields (an empty body is {}), or null after failing with 400. */
  private static JsonObject body(RoutingContext ctx, Set<String> allowed) {
    Buffer raw = ctx.body().buffer();
    JsonObject body;
    try {
      body = raw == null || raw.length() == 0 ? new JsonObject() : ConfigRoutes.jsonObject(raw, true);
    } catch (IllegalArgumentException e) {
      ctx.fail(new HttpException(400, e.getMessage()));
      return null;
    }
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        ctx.fail(new HttpException(400, "unknown field '" + field + "'" + (allowed.isEmpty() ? "" : "; known: " + allowed)));
        return null;
      }
    }
    return body;
  }

  /** A refused start is 409 and one no node carried out 502, each with every node's answer in the body. */
  private void coordinator(RoutingContext ctx, JsonObject request) {
    request(Addresses.RIG_COORDINATOR, request, COORDINATOR_TIMEOUT_MS, "no rig coordinator is running on the hub")
        .onComplete(reply -> {
          String outcome = reply.getString("outcome", "");
          int status = switch (outcome) {
            case "refused" -> 409;
            case "failed" -> 502;
            default -> 200;
          };
          Replies.send(ctx, status, reply);
        }, ctx::fail);
  }

  private void nodeAction(RoutingContext ctx) {
    String node = ctx.pathParam("node");
    String action = ctx.pathParam("action");
    if (!Ids.isNodeId(node)) {
      ctx.fail(new HttpException(400, "invalid node id: use 1-64 of A-Z, a-z, 0-9, _, -, ."));
      return;
    }
    if (!NODE_ACTIONS.contains(action)) {
      ctx.fail(new HttpException(404, "no rig action '" + action + "'; known: lockview, selftest"));
      return;
    }
    if (body(ctx, Set.of()) == null) {
      return;
    }
    request(Addresses.rigNode(node), new JsonObject().put("action", action), NODE_ACTION_TIMEOUT_MS,
        "no recorder " + node + " is on the cluster")
        .onComplete(reply -> Replies.send(ctx, "ok".equals(reply.getValue("status")) ? 200 : 502, reply), ctx::fail);
  }

  private Future<JsonObject> request(String address, JsonObject body, long timeoutMs, String nobody) {
    return vertx.eventBus().<Object>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMs))
        .recover(error -> Future.failedFuture(httpError(error, timeoutMs, nobody)))
        .map(reply -> {
          if (reply.body() instanceof JsonObject json) {
            return json;
          }
          throw new HttpException(502, "the rig answered with something other than a JSON object");
        });
  }

  private static HttpException httpError(Throwable error, long timeoutMs, String nobody) {
    if (error instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case NO_HANDLERS -> new HttpException(503, nobody);
        case TIMEOUT -> new HttpException(504, "no answer within " + timeoutMs + " ms");
        default -> new HttpException(validStatus(reply.failureCode()), reply.getMessage());
      };
    }
    return new HttpException(502, error.getMessage());
  }

  /** The coordinator's failure codes are HTTP-like (400, 409, 503); anything else is the rig's fault. */
  private static int validStatus(int code) {
    return code >= 400 && code < 600 ? code : 502;
  }
}

package io.sensepulse.rig.coordinator;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.BusMessages;
import io.sensepulse.rig.RigClock;
import io.sensepulse.rig.sync.SyncVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Starts and stops every recorder node together, on the hub (catalogue name {@code rig.coordinator}).
 * Request/reply on {@link Addresses#RIG_COORDINATOR}: {@code {action: status|start|stop, session}}.
 * The recorders are the registry's nodes of role {@code recorder}. A start asks each for its
 * status first and refuses the whole start, saying which node and why, unless every one is ready;
 * then it sends each {@code {action: start, session, start_at}} for an instant {@code start_lead_ms}
 * ahead on the master's (CAM_C's) clock, converted from the hub's own with the offset the hub's
 * sync verticle keeps. A node failing then is reported on its own; the others go on. Stop is the
 * same without the readiness check. Config: {@link CoordinatorSettings}.
 */
public class RigCoordinatorVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RigCoordinatorVerticle.class.getName());

  public static final int BUSY = 409;
  public static final int UNAVAILABLE = 503;
  /** The registry answers from memory; two seconds is ample even on a busy Pi. */
  static final long REGISTRY_TIMEOUT_MS = 2_000;
  private static final DateTimeFormatter SESSION_DEFAULT = DateTimeFormatter.ofPattern("'rig-'yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private CoordinatorSettings settings;
  private RigClock clock;
  /** A start or stop under way: a second one at the same time is refused, not interleaved. */
  private boolean busy;

  /** One node's answer, or why there was none. */
  private record Answer(String node, JsonObject body, String error) {}

  @Override
  public Future<?> start() {
    try {
      settings = CoordinatorSettings.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    clock = RigClock.system(settings.clockSkewMillis());
    return vertx.eventBus().<Object>consumer(Addresses.RIG_COORDINATOR, this::handle).completion();
  }

  private void handle(Message<Object> message) {
    JsonObject body;
    String session;
    try {
      body = BusMessages.jsonBody(message);
      session = RigChecks.sessionName(body.getValue("session"), SESSION_DEFAULT.format(Instant.now()));
    } catch (IllegalArgumentException e) {
      message.fail(BusMessages.BAD_REQUEST, e.getMessage());
      return;
    }
    String action = body.getValue("action") instanceof String text ? text : "";
    Future<JsonObject> answer = switch (action) {
      case "status" -> status();
      case "start" -> exclusive(() -> startRig(session));
      case "stop" -> exclusive(this::stopRig);
      default -> Future.failedFuture(new ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE,
          BusMessages.BAD_REQUEST, "action must be status, start or stop"));
    };
    answer.onComplete(message::reply, error -> {
      if (error instanceof ReplyException reply && reply.failureType() == io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE) {
        message.fail(reply.failureCode(), reply.getMessage());
      } else {
        message.fail(500, error.getMessage());
      }
    });
  }

  private Future<JsonObject> exclusive(java.util.function.Supplier<Future<JsonObject>> operation) {
    if (busy) {
      return failure(BUSY, "a start or stop of the rig is already under way");
    }
    busy = true;
    return operation.get().andThen(done -> busy = false);
  }

  // ---- status

  private Future<JsonObject> status() {
    return recorders().compose(nodes -> askAll(nodes, node -> new JsonObject().put("action", "status")))
        .map(answers -> {
          JsonObject reply = overview(answers);
          reply.put("ready", reply.getJsonObject("not_ready").isEmpty());
          return reply;
        });
  }

  /** Every node's status (or why none), the disagreements between them and why each is not ready to start. */
  private JsonObject overview(List<Answer> answers) {
    Map<String, NodeStatus> statuses = new LinkedHashMap<>();
    Map<String, String> unreachable = new LinkedHashMap<>();
    JsonObject nodes = new JsonObject();
    for (Answer answer : answers) {
      // the recorder answers {status: ok, data: status document} or {status: error, error}
      JsonObject document = answer.error() == null && "ok".equals(answer.body().getValue("status"))
          && answer.body().getValue("data") instanceof JsonObject data ? data : null;
      if (document == null) {
        String why = answer.error() != null ? answer.error()
            : answer.body().getValue("error") instanceof String text ? "status failed: " + text
            : "answered its status without {status: ok, data}";
        unreachable.put(answer.node(), why);
        nodes.put(answer.node(), new JsonObject().put("node", answer.node()).put("state", "unreachable").put("error", why));
      } else {
        statuses.put(answer.node(), NodeStatus.from(answer.node(), document.getMap()));
        nodes.put(answer.node(), document.copy().put("node", answer.node()));
      }
    }
    JsonObject notReady = new JsonObject();
    for (String expected : settings.expectedNodes()) {
      if (!nodes.containsKey(expected)) {
        notReady.put(expected, "is not on the cluster");
      }
    }
    unreachable.forEach(notReady::put);
    statuses.forEach((node, status) -> RigChecks.notReadyToStart(status, settings.limits())
        .ifPresent(why -> notReady.put(node, why)));
    if (answers.isEmpty() && settings.expectedNodes().isEmpty()) {
      notReady.put("rig", "no recorder node is on the cluster");
    }
    JsonArray disagreements = new JsonArray();
    RigChecks.disagreements(settings.expectedNodes(), statuses, unreachable, settings.limits())
        .forEach(found -> disagreements.add(new JsonObject(new LinkedHashMap<>(found.fields()))));
    return new JsonObject()
        .put("master", settings.master())
        .put("expected", new JsonArray(settings.expectedNodes()))
        .put("nodes", nodes)
        .put("not_ready", notReady)
        .put("disagreements", disagreements);
  }

  // ---- start and stop

  private Future<JsonObject> startRig(String session) {
    return recorders().compose(nodes -> askAll(nodes, node -> new JsonObject().put("action", "status")))
        .compose(answers -> {
          JsonObject overview = overview(answers);
          JsonObject notReady = overview.getJsonObject("not_ready");
          if (!notReady.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            notReady.forEach(entry -> reasons.add(entry.getKey() + " " + entry.getValue()));
            return Future.succeededFuture(overview.put("outcome", "refused").put("session", session)
                .put("error", "not starting: " + String.join("; ", reasons)));
          }
          List<String> nodes = answers.stream().map(Answer::node).toList();
          MasterInstant instant = masterInstant(settings.startLeadMillis());
          long startAt = instant.at();
          return askAll(nodes, node -> new JsonObject().put("action", "start").put("session", session).put("start_at", startAt))
              .map(results -> instant.describe(perNode(results, "started").put("session", session).put("start_at", startAt)))
              .onSuccess(reply -> {
                if (settings.startBeep() && "started".equals(reply.getString("outcome"))) {
                  beep(startAt);
                }
              });
        });
  }

  private Future<JsonObject> stopRig() {
    return recorders().compose(nodes -> {
      if (nodes.isEmpty()) {
        return Future.succeededFuture(new JsonObject().put("outcome", "failed").put("nodes", new JsonObject())
            .put("error", "no recorder node is on the cluster"));
      }
      MasterInstant instant = masterInstant(settings.stopLeadMillis());
      long stopAt = instant.at();
      return askAll(nodes, node -> new JsonObject().put("action", "stop").put("stop_at", stopAt))
          .map(results -> instant.describe(perNode(results, "stopped").put("stop_at", stopAt)));
    });
  }

  /**
   * An instant on the master's clock, with how the hub knew its own offset ({@code clock_source})
   * and a warning when it did not.
   */
  private record MasterInstant(long at, String clockSource, String warning) {
    JsonObject describe(JsonObject reply) {
      reply.put("clock_source", clockSource);
      if (warning != null) {
        reply.put("warning", warning);
      }
      return reply;
    }
  }

  /**
   * lead ms from now on the master's clock. The hub's offset only shifts the instant every node
   * shares, never the skew between them: each node converts it with its own offset.
   */
  private MasterInstant masterInstant(int leadMillis) {
    Object entry = vertx.sharedData().getLocalMap(SyncVerticle.CLOCK_MAP).get(SyncVerticle.OFFSET_KEY);
    if (entry instanceof JsonObject known && known.getValue("offset_ms") instanceof Number offset) {
      // offset = hub - master, so master = hub - offset
      return new MasterInstant(Math.round(clock.nowMillis() - offset.doubleValue() + leadMillis), known.getString("source"), null);
    }
    return new MasterInstant(Math.round(clock.nowMillis() + leadMillis), "none",
        "the hub's clock offset to " + settings.master() + " is unknown: the instant assumes the clocks agree");
  }

  /** {@code {outcome, nodes: {node: {status: ok, data} | {status: error, error}}}}; outcome all/partial/failed. */
  private static JsonObject perNode(List<Answer> answers, String allDone) {
    JsonObject nodes = new JsonObject();
    int ok = 0;
    for (Answer answer : answers) {
      JsonObject result;
      if (answer.error() != null) {
        result = new JsonObject().put("status", "error").put("error", answer.error());
      } else if ("ok".equals(answer.body().getValue("status"))) {
        result = answer.body();
        ok++;
      } else {
        Object why = answer.body().getValue("error");
        result = new JsonObject().put("status", "error").put("error", why instanceof String text ? text : "refused without a reason");
      }
      nodes.put(answer.node(), result);
    }
    String outcome = ok == answers.size() && ok > 0 ? allDone : ok > 0 ? "partial" : "failed";
    return new JsonObject().put("outcome", outcome).put("nodes", nodes);
  }

  /** Once every node confirmed: CAM_C's recorder plays the start tone (a clapperboard for the ear). */
  private void beep(long at) {
    vertx.eventBus().request(Addresses.rigNode(settings.master()), new JsonObject().put("action", "beep").put("at", at),
            new DeliveryOptions().setSendTimeout(settings.nodeTimeoutMillis()))
        .onFailure(error -> LOG.warning("start beep on " + settings.master() + " failed: " + error.getMessage()));
  }

  // ---- the bus

  /** The registry's recorder nodes, the expected ones first in their configured order. */
  private Future<List<String>> recorders() {
    return vertx.eventBus().<Object>request(Addresses.NODES_LIST, new JsonObject(),
            new DeliveryOptions().setSendTimeout(REGISTRY_TIMEOUT_MS))
        .recover(error -> failure(UNAVAILABLE, "the node registry did not answer: " + error.getMessage()))
        .map(reply -> {
          Set<String> found = new LinkedHashSet<>();
          if (reply.body() instanceof JsonObject body && body.getValue("nodes") instanceof JsonArray nodes) {
            for (Object node : nodes) {
              if (node instanceof JsonObject document && "recorder".equals(document.getValue("role"))
                  && document.getValue("id") instanceof String id) {
                found.add(id);
              }
            }
          }
          List<String> ordered = new ArrayList<>(settings.expectedNodes());
          ordered.retainAll(found);
          found.stream().filter(id -> !ordered.contains(id)).sorted().forEach(ordered::add);
          return ordered;
        });
  }

  /** Asks every node at once; each answer within the per-node timeout or the reason it has none. */
  private Future<List<Answer>> askAll(List<String> nodes, java.util.function.Function<String, JsonObject> request) {
    List<Future<Answer>> asked = nodes.stream().map(node -> ask(node, request.apply(node))).toList();
    return Future.all(asked).map(all -> asked.stream().map(Future::result).toList());
  }

  private Future<Answer> ask(String node, JsonObject request) {
    return vertx.eventBus().<Object>request(Addresses.rigNode(node), request,
            new DeliveryOptions().setSendTimeout(settings.nodeTimeoutMillis()))
        .map(reply -> reply.body() instanceof JsonObject body
            ? new Answer(node, body, null)
            : new Answer(node, null, "answered with something other than a JSON object"))
        .otherwise(error -> new Answer(node, null, why(error)));
  }

  private String why(Throwable error) {
    if (error instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case NO_HANDLERS -> "no recorder is running there";
        case TIMEOUT -> "no answer within " + settings.nodeTimeoutMillis() + " ms";
        default -> reply.getMessage();
      };
    }
    return error.getMessage();
  }

  private static <T> Future<T> failure(int code, String message) {
    return Future.failedFuture(new ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, code, message));
  }
}

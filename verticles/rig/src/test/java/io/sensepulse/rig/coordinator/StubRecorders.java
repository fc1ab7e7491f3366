package io.sensepulse.rig.coordinator;

import io.sensepulse.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node registry and recorders as the coordinator meets them on the bus: a registry listing the
 * nodes, and per node a status document and how it answers a start (ok, a refusal, or silence).
 */
final class StubRecorders {
  enum Answer { OK, REFUSE, SILENT }

  final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();
  final Map<String, Answer> answers = new ConcurrentHashMap<>();
  /** Every request each node received, in order. */
  final Map<String, List<JsonObject>> received = new ConcurrentHashMap<>();

  static JsonObject idle(String node) {
    return new JsonObject().put("node", node).put("recording", false).put("state", "idle").put("resolution", "640x360")
        .put("fps", 30).put("codec", "h264").put("minutes_left", 300.0).put("clock_offset_ms", 0.3)
        .put("clock_source", "bus").put("warnings", new JsonArray()).put("errors", new JsonArray());
  }

  private final List<String> nodes;

  StubRecorders(List<String> nodes) {
    this.nodes = nodes;
    for (String node : nodes) {
      statuses.put(node, idle(node));
      answers.put(node, Answer.OK);
      received.put(node, new java.util.concurrent.CopyOnWriteArrayList<>());
    }
  }

  Future<Void> start(Vertx vertx) {
    List<Future<Void>> registered = new ArrayList<>();
    JsonArray documents = new JsonArray().add(new JsonObject().put("id", "hub").put("role", "hub"));
    for (String node : nodes) {
      documents.add(new JsonObject().put("id", node).put("role", "recorder"));
      registered.add(vertx.eventBus().<JsonObject>consumer(Addresses.rigNode(node), message -> {
        JsonObject request = message.body();
        received.get(node).add(request);
        switch (request.getString("action")) {
          case "status" -> message.reply(new JsonObject().put("status", "ok").put("data", statuses.get(node)));
          case "start", "stop" -> {
            switch (answers.get(node)) {
              case OK -> message.reply(new JsonObject().put("status", "ok").put("data", request.copy()));
              case REFUSE -> message.reply(new JsonObject().put("status", "error").put("error", "battery too low"));
              case SILENT -> { }
            }
          }
          default -> message.reply(new JsonObject().put("status", "ok"));
        }
      }).completion());
    }
    registered.add(vertx.eventBus().consumer(Addresses.NODES_LIST,
        message -> message.reply(new JsonObject().put("nodes", documents))).completion());
    return Future.all(registered).mapEmpty();
  }

  long count(String node, String action) {
    return received.get(node).stream().filter(request -> action.equals(request.getString("action"))).count();
  }
}

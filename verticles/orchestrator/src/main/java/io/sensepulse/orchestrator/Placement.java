package io.sensepulse.orchestrator;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.node.NodeCapabilities;
import io.sensepulse.common.source.SourceCatalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Picks the node that runs a source: the orchestrator's own node, unless the source needs a
 * capability (a BLE adapter) that only another node announced; the first such node by id then,
 * so the choice is stable. With no node having it, the own node runs the source, which reports
 * the missing hardware in its status. Follows the registry's {@link Addresses#NODES_CHANGED}.
 */
final class Placement {
  private final Vertx vertx;
  private final String ownNode;
  /** node id to its announced capabilities, sorted by id. */
  private Map<String, Set<String>> capabilities = Map.of();

  Placement(Vertx vertx, String ownNode) {
    this.vertx = vertx;
    this.ownNode = ownNode;
  }

  /** Completes once the registry's current list is in, or it did not answer (no registry yet: changes will come). */
  Future<Void> start() {
    var bus = vertx.eventBus();
    return bus.<JsonObject>consumer(Addresses.NODES_CHANGED, message -> nodes(message.body())).completion()
        .compose(ready -> bus.<JsonObject>request(Addresses.NODES_LIST, new JsonObject(),
            new DeliveryOptions().setSendTimeout(5_000)))
        .onSuccess(reply -> nodes(reply.body()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  String nodeFor(SourceCatalog.Entry source) {
    String needed = source.requires();
    if (needed == null || capabilities.getOrDefault(ownNode, Set.of()).contains(needed)) {
      return ownNode;
    }
    return capabilities.entrySet().stream()
        .filter(node -> node.getValue().contains(needed))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(ownNode);
  }

  private void nodes(JsonObject body) {
    if (body == null || !(body.getValue("nodes") instanceof JsonArray nodes)) {
      return;
    }
    Map<String, Set<String>> seen = new TreeMap<>();
    nodes.forEach(node -> {
      if (node instanceof JsonObject announcement && announcement.getValue("id") instanceof String id) {
        seen.put(id, NodeCapabilities.of(announcement));
      }
    });
    capabilities = seen;
  }
}

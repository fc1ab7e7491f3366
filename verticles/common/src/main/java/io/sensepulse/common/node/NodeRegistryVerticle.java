package io.sensepulse.common.node;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hub's live view of the cluster: fed by node announcements, and told by the launcher's
 * Hazelcast membership listener when a member leaves or dies, so a dead node goes at once.
 * A node silent for three announce intervals is dropped too (a safety net for a lost event).
 * Answers {@link Addresses#NODES_LIST} and publishes {@link Addresses#NODES_CHANGED}.
 */
public class NodeRegistryVerticle extends VerticleBase {
  private record Seen(JsonObject node, long lastSeenMillis) {}

  private final Map<String, Seen> nodes = new TreeMap<>();
  private long silenceLimitMillis;

  @Override
  public Future<?> start() {
    PulseSettings settings = PulseSettings.from(config());
    silenceLimitMillis = settings.announceSeconds() * 3000L;
    vertx.setPeriodic(settings.announceSeconds() * 1000L, id -> dropSilent());
    var bus = vertx.eventBus();
    return Future.all(
            bus.<JsonObject>consumer(Addresses.NODE_ANNOUNCE, msg -> seen(msg.body())).completion(),
            bus.<JsonObject>localConsumer(Addresses.CLUSTER_MEMBER_REMOVED, msg -> memberRemoved(msg.body())).completion(),
            bus.consumer(Addresses.NODES_LIST, msg -> msg.reply(snapshot())).completion())
        .onSuccess(ready -> bus.publish(Addresses.NODE_HELLO, new JsonObject()));
  }

  private void seen(JsonObject node) {
    String id = node == null ? null : node.getString("id");
    if (id == null) {
      return;
    }
    nodes.put(id, new Seen(node, System.currentTimeMillis()));
    changed();
  }

  private void memberRemoved(JsonObject member) {
    String clusterId = member.getString("cluster_id");
    if (nodes.values().removeIf(seen -> clusterId != null && clusterId.equals(seen.node().getString("cluster_id")))) {
      changed();
    }
  }

  private void dropSilent() {
    long cutoff = System.currentTimeMillis() - silenceLimitMillis;
    if (nodes.values().removeIf(seen -> seen.lastSeenMillis() < cutoff)) {
      changed();
    }
  }

  private JsonObject snapshot() {
    JsonArray list = new JsonArray();
    nodes.values().forEach(seen -> list.add(seen.node()));
    return new JsonObject().put("nodes", list);
  }

  private void changed() {
    vertx.eventBus().publish(Addresses.NODES_CHANGED, snapshot());
  }
}

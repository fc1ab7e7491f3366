package io.sensepulse.launcher;

import io.sensepulse.common.node.VerticleCatalog;
import java.util.List;

/** What each node role deploys, in order, after its node agent. */
final class Roles {
  private Roles() {}

  /** The role's verticles, plus the Sense HAT source on whichever node has the HAT. */
  static List<String> verticles(String role, boolean hasSenseHat) {
    List<String> verticles = new java.util.ArrayList<>(verticles(role));
    if (hasSenseHat) {
      verticles.add(VerticleCatalog.SENSE_HAT);
    }
    return verticles;
  }

  /** What a role verticle gets over the node config: the Sense HAT its seeded section. */
  static io.vertx.core.json.JsonObject overrides(String name, io.vertx.core.json.JsonObject config) {
    io.vertx.core.json.JsonObject overrides = new io.vertx.core.json.JsonObject();
    io.vertx.core.json.JsonObject sections = config.getJsonObject(io.sensepulse.common.PulseSettings.SECTIONS);
    if (name.equals(VerticleCatalog.SENSE_HAT) && sections != null && sections.containsKey("sense_hat")) {
      overrides.put("sense_hat", sections.getJsonObject("sense_hat"));
    }
    return overrides;
  }

  static List<String> verticles(String role) {
    return switch (role) {
      // The store first so sources can write; the orchestrator schedules the sources; the Pi-hole
      // session keeper signs its session out when the hub stops. The hub measures its own clock
      // against CAM_C too, to tell the rig coordinator's start instants in CAM_C's time.
      case "hub" -> List.of(VerticleCatalog.STORE, VerticleCatalog.NODE_REGISTRY, VerticleCatalog.PIHOLE_SESSIONS,
          VerticleCatalog.ORCHESTRATOR, VerticleCatalog.RIG_SYNC, VerticleCatalog.RIG_COORDINATOR, VerticleCatalog.GATEWAY);
      // The clock first: the recorder reads its offset to CAM_C from it; the node API last, once
      // the recorder it talks to answers.
      case "recorder" -> List.of(VerticleCatalog.RIG_SYNC, VerticleCatalog.RIG_RECORDER, VerticleCatalog.RIG_NODE_API);
      default -> throw new IllegalArgumentException("unknown role '" + role + "'");
    };
  }
}

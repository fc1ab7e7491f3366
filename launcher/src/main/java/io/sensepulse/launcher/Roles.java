package io.sensepulse.launcher;

import io.sensepulse.common.node.VerticleCatalog;
import java.util.List;

/** What each node role deploys, in order, after its node agent. */
final class Roles {
  private Roles() {}

  static List<String> verticles(String role) {
    return switch (role) {
      // The store first so sources can write; the orchestrator schedules the sources; the Pi-hole
      // session keeper signs its session out when the hub stops.
      case "hub" -> List.of(VerticleCatalog.STORE, VerticleCatalog.NODE_REGISTRY, VerticleCatalog.PIHOLE_SESSIONS,
          VerticleCatalog.ORCHESTRATOR, VerticleCatalog.GATEWAY);
      case "recorder" -> List.of();
      default -> throw new IllegalArgumentException("unknown role '" + role + "'");
    };
  }
}

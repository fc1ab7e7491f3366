package io.sensepulse.common.node;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verticles a node agent deploys by name. Only these names are accepted over the bus: a bus
 * message never names a class.
 */
public final class VerticleCatalog {
  private VerticleCatalog() {}

  public static final String STORE = "store";
  public static final String NODE_REGISTRY = "node-registry";
  public static final String ORCHESTRATOR = "orchestrator";
  public static final String GATEWAY = "gateway";
  public static final String SYSTEM_SOURCE = "source.system";

  private static final Map<String, String> CLASSES = Map.of(
      STORE, "io.sensepulse.common.store.StoreVerticle",
      NODE_REGISTRY, "io.sensepulse.common.node.NodeRegistryVerticle",
      ORCHESTRATOR, "io.sensepulse.orchestrator.OrchestratorVerticle",
      GATEWAY, "io.sensepulse.gateway.GatewayVerticle",
      SYSTEM_SOURCE, "io.sensepulse.sources.system.SystemSourceVerticle");

  public static Optional<String> className(String name) {
    return Optional.ofNullable(CLASSES.get(name));
  }

  public static Set<String> names() {
    return CLASSES.keySet();
  }
}

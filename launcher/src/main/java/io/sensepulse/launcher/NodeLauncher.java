package io.sensepulse.launcher;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseConfig;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.node.NodeAgentVerticle;
import io.sensepulse.common.node.NodeCapabilities;
import io.sensepulse.common.node.VerticleCatalog;
import io.sensepulse.orchestrator.OrchestratorVerticle;
import io.sensepulse.sources.sensehat.SenseHatFiles;
import io.sensepulse.gateway.PrometheusMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Starts one node: loads its configuration, builds Vert.x (clustered or not) and deploys its role. */
public final class NodeLauncher {
  private static final Logger LOG = Logger.getLogger(NodeLauncher.class.getName());
  /** vertx-hazelcast keeps each member's Vert.x node id (what getNodeId() returns) in this attribute. */
  private static final String VERTX_NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  /** A running node, for the shutdown hook and for tests. */
  public record Node(Vertx vertx, PulseSettings settings, NodeAgentVerticle agent, int shutdownGraceSeconds) {
    /**
     * The orchestrator and the camera streamers go first, so runs in flight get their grace period
     * and streams their last "stopped" while the store and the agents they write through are still
     * there: Vert.x's close undeploys everything at once.
     */
    public Future<Void> close() {
      return Future.all(agent.undeployLocal(VerticleCatalog.ORCHESTRATOR), agent.undeployLocal(VerticleCatalog.CAMERA_STREAMER))
          .timeout(shutdownGraceSeconds + 5L, TimeUnit.SECONDS)
          .otherwiseEmpty()
          .compose(firstGone -> vertx.close());
    }
  }

  private NodeLauncher() {}

  /**
   * Loads configuration with a throwaway Vert.x: the real one's cluster options depend on it. The
   * {@code certs} command uses it too, to find the data folder exactly as a node would.
   */
  static JsonObject loadConfig(String confFile, JsonObject overrides) {
    Vertx loader = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      return PulseConfig.load(loader, confFile, overrides).await();
    } finally {
      loader.close().await();
    }
  }

  public static Future<Node> start(JsonObject config, boolean clustered) {
    PulseSettings settings;
    Set<String> capabilities;
    try {
      settings = PulseSettings.from(config);
      capabilities = capabilities(config, settings);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    boolean hasSenseHat = capabilities.contains(NodeCapabilities.SENSE_HAT);
    VertxOptions vertxOptions = new VertxOptions()
        // A Pi 3B has four cores and 1 GB: a few event loops and workers are plenty.
        .setEventLoopPoolSize(2)
        .setWorkerPoolSize(4)
        .setInternalBlockingPoolSize(2);
    HazelcastClusterManager clusterManager = null;
    if (clustered) {
      EventBusOptions bus = vertxOptions.getEventBusOptions();
      if (!settings.clusterHost().isBlank()) {
        bus.setHost(settings.clusterHost());
      }
      try {
        bus.setPort(PulseSettings.intIn(config, "bus_port", 0, 0, 65535));
        // On the caller's thread, before Vert.x exists: reads and checks the certificate files.
        BusTls.configure(bus, config, settings);
      } catch (IllegalArgumentException | IllegalStateException e) {
        return Future.failedFuture(e);
      }
      clusterManager = new HazelcastClusterManager(ClusterSetup.hazelcastConfig(settings));
    }
    VertxBuilder builder = PrometheusMetrics.enable(Vertx.builder(), vertxOptions);
    Future<Vertx> vertx = clusterManager == null
        ? Future.succeededFuture(builder.build())
        : builder.withClusterManager(clusterManager).buildClustered();
    HazelcastClusterManager members = clusterManager;
    return vertx.compose(started -> {
      JsonObject nodeConfig = config.copy().put("version", version())
          .put(NodeCapabilities.CONFIG_KEY, new io.vertx.core.json.JsonArray(List.copyOf(capabilities)));
      if (members != null) {
        nodeConfig.put("cluster_id", members.getNodeId());
        relayMemberRemovals(started, members);
      }
      NodeAgentVerticle agent = new NodeAgentVerticle();
      return started.deployVerticle(agent, new io.vertx.core.DeploymentOptions().setConfig(nodeConfig))
          .compose(id -> deployRole(agent, Roles.verticles(settings.role(), hasSenseHat),
              config))
          .map(done -> new Node(started, settings, agent,
              PulseSettings.intIn(config, OrchestratorVerticle.SHUTDOWN_GRACE, 30, 0, 600)))
          .recover(error -> {
            // Not chained on close: a closed Vert.x runs no more callbacks, so the failure would never arrive.
            started.close();
            return Future.failedFuture(error);
          });
    });
  }

  /**
   * What this node's hardware offers, read once before Vert.x starts (blocking sysfs reads), plus
   * what its config adds for hardware the kernel does not show.
   */
  private static Set<String> capabilities(JsonObject config, PulseSettings settings) {
    Set<String> capabilities = new java.util.TreeSet<>(NodeCapabilities.configured(config));
    if (SenseHatFiles.present(settings.sysRoot())) {
      capabilities.add(NodeCapabilities.SENSE_HAT);
    }
    if (NodeCapabilities.hasBluetoothAdapter(settings.sysRoot())) {
      capabilities.add(NodeCapabilities.BLE);
    }
    return capabilities;
  }

  /** Deploys the role's verticles one after the other, through the agent so the node lists them. */
  private static Future<Void> deployRole(NodeAgentVerticle agent, List<String> verticles, JsonObject config) {
    Future<Void> chain = Future.succeededFuture();
    for (String name : verticles) {
      chain = chain.compose(previous -> agent.deployLocal(name, Roles.overrides(name, config))
          .recover(error -> Future.failedFuture("cannot start " + name + ": " + error.getMessage()))
          .mapEmpty());
    }
    return chain;
  }

  /**
   * Hazelcast tells every member when another leaves or dies; the registry (on the hub) listens
   * locally. Called on Hazelcast's event thread: publishing is non-blocking.
   */
  private static void relayMemberRemovals(Vertx vertx, HazelcastClusterManager clusterManager) {
    clusterManager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        LOG.info("cluster member joined: " + event.getMember().getAddress());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        LOG.info("cluster member left: " + event.getMember().getAddress());
        vertx.eventBus().publish(Addresses.CLUSTER_MEMBER_REMOVED,
            new JsonObject().put("cluster_id", event.getMember().getAttribute(VERTX_NODE_ID_ATTRIBUTE)),
            new DeliveryOptions().setLocalOnly(true));
      }
    });
  }

  static String version() {
    String version = NodeLauncher.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }
}

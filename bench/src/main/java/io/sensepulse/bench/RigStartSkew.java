package io.sensepulse.bench;

import com.hazelcast.config.Config;
import io.sensepulse.common.Addresses;
import io.sensepulse.common.node.NodeAgentVerticle;
import io.sensepulse.common.node.NodeRegistryVerticle;
import io.sensepulse.rig.coordinator.RigCoordinatorVerticle;
import io.sensepulse.rig.sync.SyncVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Coordinated starts of CAM_L, CAM_C and CAM_R through the hub's rig coordinator: for each, the
 * spread (latest minus earliest) of the three first-frame times on CAM_C's clock. Every node is a
 * clustered Vert.x instance of its own on loopback, with its clock skewed and its offset to CAM_C
 * measured by rig.sync over the bus. Prints p50/p99/max. Usage: RigStartSkew [starts=20]
 */
public final class RigStartSkew {
  private static final Map<String, Double> SKEWS = Map.of("CAM_L", 250.0, "CAM_C", 0.0, "CAM_R", -80.0);

  public static void main(String[] args) throws Exception {
    int starts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String cluster = "rig-bench-" + UUID.randomUUID().toString().substring(0, 8);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<Vertx> all = new ArrayList<>();
    Vertx hub = node(cluster, port, all, "hub", "hub", 0);
    hub.deployVerticle(new NodeRegistryVerticle(), options("hub", "hub", 0)).await();
    hub.deployVerticle(new RigCoordinatorVerticle(), options("hub", "hub", 0)).await();
    for (String camera : List.of("CAM_L", "CAM_C", "CAM_R")) {
      Vertx vertx = node(cluster, port, all, camera, "recorder", SKEWS.get(camera));
      vertx.deployVerticle(new BenchRecorderVerticle(), options(camera, "recorder", SKEWS.get(camera))).await();
    }
    awaitReady(hub);

    double[] spreads = new double[starts];
    for (int i = 0; i < starts; i++) {
      String session = "bench-" + i;
      List<Double> firstFrames = new java.util.concurrent.CopyOnWriteArrayList<>();
      Promise<Void> allThree = Promise.promise();
      var consumer = hub.eventBus().<JsonObject>consumer(Addresses.RIG_STATUS, message -> {
        if (session.equals(message.body().getString("session")) && message.body().containsKey("first_frame_at")) {
          firstFrames.add(message.body().getDouble("first_frame_at"));
          if (firstFrames.size() == 3) {
            allThree.tryComplete();
          }
        }
      });
      consumer.completion().await();
      JsonObject reply = ask(hub, new JsonObject().put("action", "start").put("session", session));
      if (!"started".equals(reply.getString("outcome"))) {
        throw new IllegalStateException("start " + i + ": " + reply.encode());
      }
      allThree.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      consumer.unregister().await();
      spreads[i] = firstFrames.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
          - firstFrames.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      ask(hub, new JsonObject().put("action", "stop"));
      awaitReady(hub);
    }
    Arrays.sort(spreads);
    System.out.printf("rig start skew over %d coordinated starts of 3 nodes (first-frame spread on CAM_C's clock):%n", starts);
    System.out.printf("  p50 %.3f ms   p99 %.3f ms   max %.3f ms   (target: under 1 ms on loopback)%n",
        spreads[(int) Math.floor(0.5 * (starts - 1))], spreads[(int) Math.ceil(0.99 * (starts - 1))], spreads[starts - 1]);
    System.out.println("""
        Method here: skewed RigClocks, offsets measured over the bus (best of 8 pings), and each node's
        Vert.x timer set for the start instant (millisecond timers, so expect up to about a millisecond).
        On a real LAN: chrony with CAM_C as server (deploy/chrony) keeps the clocks within tens of
        microseconds; each Pi 5 starts rpicam-vid with --sync so the camera's frame timing follows the
        shared instant, and the spread is read from the manifests' first-frame sensor timestamps.""");
    for (Vertx vertx : all) {
      vertx.close().await();
    }
  }

  private static Vertx node(String cluster, int port, List<Vertx> all, String id, String role, double skew) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.partition.count", "31");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    var network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
    network.getJoin().getMulticastConfig().setEnabled(false);
    network.getJoin().getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + port));
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2);
    options.getEventBusOptions().setHost("127.0.0.1");
    Vertx vertx = Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(config)).buildClustered().await();
    all.add(vertx);
    vertx.deployVerticle(new NodeAgentVerticle(), options(id, role, skew)).await();
    vertx.deployVerticle(new SyncVerticle(), options(id, role, skew)).await();
    return vertx;
  }

  private static DeploymentOptions options(String id, String role, double skew) {
    return new DeploymentOptions().setConfig(new JsonObject().put("node_id", id).put("role", role)
        .put("clock_skew_ms", skew).put("chronyc", "").put("sync_interval", 1).put("announce_interval", 1));
  }

  private static JsonObject ask(Vertx hub, JsonObject request) {
    return hub.eventBus().<JsonObject>request(Addresses.RIG_COORDINATOR, request).await().body();
  }

  /** Asks the coordinator until every node is idle with a measured clock (once a second at most). */
  private static void awaitReady(Vertx hub) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!ask(hub, new JsonObject().put("action", "status")).getBoolean("ready", false)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the rig never got ready: " + ask(hub, new JsonObject().put("action", "status")).encode());
      }
      Thread.sleep(100);
    }
  }
}

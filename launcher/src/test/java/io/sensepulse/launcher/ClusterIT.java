package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.testing.EchoVerticle;
import io.sensepulse.launcher.testing.NodeProcess;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clustering on loopback: the hub in this JVM, a recorder node in another JVM started from
 * pulse.jar, one Hazelcast cluster with a name of its own.
 */
class ClusterIT {
  private static final int SLOW_ANNOUNCE = 3600;
  /** Hazelcast's no-heartbeat limit is 5 s (cluster.xml); a dead node must be gone well before this. */
  private static final int DEATH_NOTICED_WITHIN_SECONDS = 20;

  private RedisServer redis;
  private NodeLauncher.Node hub;
  private NodeProcess recorder;
  private final String clusterName = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private int clusterPort;
  private int httpPort;

  @BeforeEach
  void startHub(@TempDir Path dataDir) throws Exception {
    redis = RedisServer.startNew();
    clusterPort = RedisServer.freePort();
    httpPort = RedisServer.freePort();
    JsonObject config = new JsonObject()
        .put(PulseSettings.NODE_ID, "hub-a")
        .put(PulseSettings.ROLE, "hub")
        .put(PulseSettings.HTTP_PORT, httpPort)
        .put(PulseSettings.REDIS_URL, redis.url())
        .put(PulseSettings.DATA_DIR, dataDir.toString())
        .put(PulseSettings.CLUSTER_NAME, clusterName)
        .put(PulseSettings.CLUSTER_HOST, "127.0.0.1")
        .put(PulseSettings.CLUSTER_PORT, clusterPort)
        .put(PulseSettings.CLUSTER_MEMBERS, "127.0.0.1:" + clusterPort)
        // Announcements far apart: the registry's silence fallback cannot be what removes a dead node.
        .put(PulseSettings.ANNOUNCE_INTERVAL, SLOW_ANNOUNCE);
    hub = NodeLauncher.start(config, true).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopAll() throws Exception {
    if (recorder != null) {
      recorder.close();
    }
    if (hub != null) {
      hub.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    redis.close();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aSecondNodeJoinsTakesADeploymentAndIsSeenToDie(@TempDir Path recorderDir) throws Exception {
    Future<JsonArray> joined = nodesChangedUntil(nodes -> find(nodes, "CAM_L") != null);

    Path conf = recorderDir.resolve("pulse.json");
    Files.writeString(conf, new JsonObject()
        .put("catalog", new JsonObject().put("echo", EchoVerticle.class.getName()))
        .encode());
    recorder = NodeProcess.start("CAM_L", List.of("recorder", "--node", "CAM_L", "--cluster", "--conf", conf.toString()),
        Map.of("PULSE_CLUSTER_NAME", clusterName,
            "PULSE_CLUSTER_HOST", "127.0.0.1",
            "PULSE_CLUSTER_PORT", String.valueOf(clusterPort),
            "PULSE_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort,
            "PULSE_DATA_DIR", recorderDir.toString(),
            "PULSE_ANNOUNCE_INTERVAL", String.valueOf(SLOW_ANNOUNCE),
            "PULSE_HTTP_PORT", String.valueOf(RedisServer.freePort())));
    recorder.started().get(60, TimeUnit.SECONDS);

    JsonObject seen = find(await(joined), "CAM_L");
    assertEquals("recorder", seen.getString("role"));
    assertTrue(seen.getString("host").length() > 0);

    // The gateway's REST view agrees with the bus.
    JsonArray viaRest = await(WebClient.create(hub.vertx()).get(httpPort, "127.0.0.1", "/api/nodes").send())
        .bodyAsJsonArray();
    assertTrue(find(viaRest, "CAM_L") != null && find(viaRest, "hub-a") != null, viaRest.encode());

    // The hub deploys a verticle on the recorder through the recorder's node agent.
    JsonObject deployed = await(hub.vertx().eventBus().<JsonObject>request(Addresses.nodeDeploy("CAM_L"),
        new JsonObject().put("verticle", "echo"))).body();
    JsonObject echo = await(hub.vertx().eventBus().<JsonObject>request("test.echo.CAM_L", "hello")).body();
    assertEquals(recorder.pid(), echo.getLong("pid"));
    assertNotEquals(ManagementFactory.getRuntimeMXBean().getPid(), echo.getLong("pid"));
    JsonObject listed = await(hub.vertx().eventBus().<JsonObject>request(Addresses.nodeList("CAM_L"), new JsonObject())).body();
    assertTrue(listed.getJsonArray("verticles").encode().contains(deployed.getString("deploymentId")), listed.encode());

    // An unknown name is refused by the agent, not deployed.
    Throwable refused = hub.vertx().eventBus().request(Addresses.nodeDeploy("CAM_L"),
        new JsonObject().put("verticle", "java.lang.Runtime")).toCompletionStage().toCompletableFuture()
        .handle((ok, error) -> error).get(10, TimeUnit.SECONDS);
    assertTrue(refused != null && refused.getMessage().contains("unknown verticle"), String.valueOf(refused));

    // SIGKILL: no goodbye; Hazelcast's failure detection must remove it.
    Future<JsonArray> gone = nodesChangedUntil(nodes -> find(nodes, "CAM_L") == null);
    recorder.kill();
    JsonArray after = gone.toCompletionStage().toCompletableFuture().get(DEATH_NOTICED_WITHIN_SECONDS, TimeUnit.SECONDS);
    assertTrue(find(after, "hub-a") != null, after.encode());
  }

  private Future<JsonArray> nodesChangedUntil(Predicate<JsonArray> condition) {
    Promise<JsonArray> result = Promise.promise();
    var consumer = hub.vertx().eventBus().<JsonObject>consumer(Addresses.NODES_CHANGED, message -> {
      JsonArray nodes = message.body().getJsonArray("nodes");
      if (condition.test(nodes)) {
        result.tryComplete(nodes);
      }
    });
    return result.future().onComplete(done -> consumer.unregister());
  }

  private static JsonObject find(JsonArray nodes, String id) {
    for (int i = 0; i < nodes.size(); i++) {
      if (id.equals(nodes.getJsonObject(i).getString("id"))) {
        return nodes.getJsonObject(i);
      }
    }
    return null;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}

package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.testing.FakeRecorderVerticle;
import io.sensepulse.launcher.testing.NodeProcess;
import io.sensepulse.launcher.testing.NodeScript;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rig on one shared loopback cluster: the hub in this JVM and three recorder nodes in JVMs of
 * their own from pulse.jar, CAM_L's clock 250 ms ahead and CAM_R's 10 ms ahead of CAM_C's. Their
 * sync verticles measure that over the bus; a coordinated start through {@code /api/rig/start}
 * begins on every node at the same instant; the rig page in Chromium starts and stops them; a
 * node killed mid-recording leaves the others recording and vanishes from {@code /api/rig}.
 * Until the recorder is merged, {@link FakeRecorderVerticle} answers for it on each node.
 */
class RigIT {
  private static final Map<String, Double> SKEWS = new LinkedHashMap<>(Map.of("CAM_L", 250.0, "CAM_C", 0.0, "CAM_R", 10.0));
  private static final List<String> NODES = List.of("CAM_L", "CAM_C", "CAM_R");
  /** Bus offsets between JVMs on loopback are good to a fraction of a millisecond; this is for a busy CI box. */
  private static final double OFFSET_TOLERANCE_MS = 3;
  /** Timer-driven starts on three JVMs; the bench measures the real figure, this catches a broken conversion. */
  private static final double START_SPREAD_LIMIT_MS = 25;
  private static final long WAIT_SECONDS = 60;

  private final String clusterName = "rig-it-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void syncCoordinatedStartBrowserAndANodeDying(@TempDir Path dir) throws Exception {
    Path outputDir = NodeScript.prepareBrowserTest("rig-it");
    int clusterPort = RedisServer.freePort();
    int httpPort = RedisServer.freePort();
    Map<String, NodeProcess> recorders = new LinkedHashMap<>();
    NodeLauncher.Node hub = null;
    try (RedisServer redis = RedisServer.startNew()) {
      hub = NodeLauncher.start(new JsonObject()
          .put(PulseSettings.NODE_ID, "hub-rig").put(PulseSettings.ROLE, "hub")
          .put(PulseSettings.HTTP_PORT, httpPort).put(PulseSettings.REDIS_URL, redis.url())
          .put(PulseSettings.DATA_DIR, Files.createDirectories(dir.resolve("hub")).toString())
          .put(PulseSettings.CLUSTER_NAME, clusterName).put(PulseSettings.CLUSTER_HOST, "127.0.0.1")
          .put(PulseSettings.CLUSTER_PORT, clusterPort).put(PulseSettings.CLUSTER_MEMBERS, "127.0.0.1:" + clusterPort)
          .put("chronyc", "").put("sync_interval", 1), true)
          .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
      for (String node : NODES) {
        recorders.put(node, startRecorder(node, dir, clusterPort));
      }
      for (NodeProcess recorder : recorders.values()) {
        recorder.awaitStarted(WAIT_SECONDS);
      }
      Rig rig = new Rig(hub, httpPort);
      for (String node : NODES) {
        Rig.await(hub.vertx().eventBus().request(Addresses.nodeDeploy(node), new JsonObject().put("verticle", "fake-recorder")));
      }

      // Every node ready, each having measured its clock against CAM_C's over the bus.
      JsonObject ready = rig.until(status -> status.getBoolean("ready", false));
      for (String node : NODES) {
        JsonObject status = ready.getJsonObject("nodes").getJsonObject(node);
        assertEquals(SKEWS.get(node), status.getDouble("clock_offset_ms"), OFFSET_TOLERANCE_MS, status.encode());
        assertEquals(node.equals("CAM_C") ? "self" : "bus", status.getString("clock_source"));
      }

      // A coordinated start: every node's first frame at the same instant on CAM_C's clock.
      JsonObject started = rig.post("/api/rig/start", new JsonObject().put("session", "it-1"), 200);
      assertEquals("started", started.getString("outcome"), started.encode());
      JsonObject recording = rig.until(status -> NODES.stream().allMatch(node -> rig.recording(status, node)));
      List<Double> firstFrames = new ArrayList<>();
      for (String node : NODES) {
        JsonObject status = recording.getJsonObject("nodes").getJsonObject(node);
        assertEquals("it-1", status.getString("session"));
        firstFrames.add(status.getDouble("first_frame_at"));
      }
      double spread = firstFrames.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
          - firstFrames.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      System.out.printf("first frames %s, spread %.2f ms, start_at %d%n", firstFrames, spread, started.getLong("start_at"));
      assertTrue(spread <= START_SPREAD_LIMIT_MS, "first frames " + firstFrames + " spread over " + spread + " ms");
      assertTrue(firstFrames.get(0) >= started.getLong("start_at") - 1, "started before start_at: " + firstFrames);

      // A second start while recording is refused, naming each node.
      JsonObject refused = rig.post("/api/rig/start", new JsonObject().put("session", "it-again"), 409);
      assertTrue(refused.getString("error").contains("CAM_L already recording session it-1"), refused.encode());

      JsonObject stopped = rig.post("/api/rig/stop", new JsonObject(), 200);
      assertEquals("stopped", stopped.getString("outcome"), stopped.encode());
      rig.until(status -> status.getBoolean("ready", false));

      // The page in a real browser: three cards, CAM_L flagged for its clock, start and stop all.
      runBrowser(outputDir, httpPort);
      rig.until(status -> status.getBoolean("ready", false));

      // CAM_R dies mid-recording: CAM_L and CAM_C go on, /api/rig shows CAM_R gone.
      assertEquals("started", rig.post("/api/rig/start", new JsonObject().put("session", "it-2"), 200).getString("outcome"));
      rig.until(status -> NODES.stream().allMatch(node -> rig.recording(status, node)));
      recorders.get("CAM_R").kill();
      JsonObject afterDeath = rig.until(status -> !status.getJsonObject("nodes").containsKey("CAM_R"));
      assertTrue(rig.recording(afterDeath, "CAM_L") && rig.recording(afterDeath, "CAM_C"), afterDeath.encode());
      assertTrue(afterDeath.getJsonArray("disagreements").stream().map(JsonObject.class::cast)
          .anyMatch(found -> "CAM_R".equals(found.getString("node")) && "missing".equals(found.getString("kind"))),
          afterDeath.encode());
      assertEquals("is not on the cluster", afterDeath.getJsonObject("not_ready").getString("CAM_R"));
      JsonObject stoppedTwo = rig.post("/api/rig/stop", new JsonObject(), 200);
      assertEquals(List.of("CAM_L", "CAM_C"), List.copyOf(stoppedTwo.getJsonObject("nodes").fieldNames()), stoppedTwo.encode());
    } finally {
      for (NodeProcess recorder : recorders.values()) {
        recorder.close();
      }
      if (hub != null) {
        hub.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private NodeProcess startRecorder(String node, Path dir, int clusterPort) throws Exception {
    Path data = Files.createDirectories(dir.resolve(node));
    Path conf = data.resolve("pulse.json");
    Files.writeString(conf, new JsonObject()
        .put("catalog", new JsonObject().put("fake-recorder", FakeRecorderVerticle.class.getName()))
        .put("clock_skew_ms", SKEWS.get(node)).put("chronyc", "").put("sync_interval", 1)
        .encode());
    return NodeProcess.start(node, List.of("recorder", "--node", node, "--cluster", "--conf", conf.toString()),
        Map.of("PULSE_CLUSTER_NAME", clusterName,
            "PULSE_CLUSTER_HOST", "127.0.0.1",
            "PULSE_CLUSTER_PORT", String.valueOf(clusterPort),
            "PULSE_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort,
            "PULSE_DATA_DIR", data.toString(),
            "PULSE_HTTP_PORT", String.valueOf(RedisServer.freePort())));
  }

  private static void runBrowser(Path outputDir, int httpPort) throws Exception {
    long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(90);
    try (NodeScript script = NodeScript.start("rig.mjs", "http://127.0.0.1:" + httpPort + "/",
        outputDir.resolve("rig.png").toString())) {
      boolean sawOk = false;
      for (Optional<String> line = script.next(deadline); line.isPresent(); line = script.next(deadline)) {
        sawOk |= line.get().equals("OK");
      }
      assertTrue(script.waitFor(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS),
          "rig.mjs did not exit:\n" + script.transcript());
      assertEquals(0, script.exitValue(), "rig.mjs failed:\n" + script.transcript());
      assertTrue(sawOk, "rig.mjs exited without OK:\n" + script.transcript());
    }
  }

  /** The hub's REST view of the rig. */
  private static final class Rig {
    private final NodeLauncher.Node hub;
    private final WebClient client;
    private final int port;

    Rig(NodeLauncher.Node hub, int port) {
      this.hub = hub;
      this.client = WebClient.create(hub.vertx());
      this.port = port;
    }

    boolean recording(JsonObject rig, String node) {
      JsonObject status = rig.getJsonObject("nodes").getJsonObject(node);
      return status != null && "recording".equals(status.getString("state"));
    }

    JsonObject post(String path, JsonObject body, int expectedStatus) throws Exception {
      var response = await(client.post(port, "127.0.0.1", path).sendJsonObject(body));
      assertEquals(expectedStatus, response.statusCode(), response.bodyAsString());
      return response.bodyAsJsonObject();
    }

    /** GET /api/rig every 200 ms until the condition holds; fails with the last answer after a minute. */
    JsonObject until(Predicate<JsonObject> condition) throws Exception {
      Promise<JsonObject> met = Promise.promise();
      JsonObject[] last = {null};
      long timer = hub.vertx().setPeriodic(200, id -> client.get(port, "127.0.0.1", "/api/rig").send().onSuccess(response -> {
        if (response.statusCode() == 200) {
          last[0] = response.bodyAsJsonObject();
          if (condition.test(last[0])) {
            met.tryComplete(last[0]);
          }
        }
      }));
      try {
        return met.future().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("the rig never got there; last /api/rig: " + (last[0] == null ? "none" : last[0].encode()));
      } finally {
        hub.vertx().cancelTimer(timer);
      }
    }

    static <T> T await(Future<T> future) throws Exception {
      return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }
}

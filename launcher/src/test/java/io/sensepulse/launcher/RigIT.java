package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.testing.NodeProcess;
import io.sensepulse.launcher.testing.NodeScript;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rig end to end on one shared loopback cluster: the hub in this JVM and three real recorder
 * nodes (pulse.jar, role recorder) recording ffmpeg's test source at 320x180, 15 fps, 2 s segments,
 * CAM_L's clock 250 ms ahead and CAM_R's 40 ms behind CAM_C's. In order: the offsets measured over
 * the bus, CAM_L's known 250 ms blocking the start until its {@code max_offset_ms} is raised through
 * its own node API; a coordinated start whose first frames agree on CAM_C's clock, a stop leaving
 * complete manifests whose hashes are the files' own; the rig page in Chromium; CAM_R killed
 * mid-recording while the others go on, leaving a partial manifest and a playable last segment.
 */
class RigIT {
  private static final Map<String, Double> SKEWS = new LinkedHashMap<>(Map.of("CAM_L", 250.0, "CAM_C", 0.0, "CAM_R", -40.0));
  private static final List<String> NODES = List.of("CAM_L", "CAM_C", "CAM_R");
  /** A measured offset with a round trip this short is a warm measurement (loopback: well under a ms). */
  private static final double WARM_CONFIDENCE_MS = 5;
  /**
   * Slack on top of the nodes' stated clock confidences for the first-frame spread in true time:
   * every node's first frame is in the instant's frame slot, so they differ by the offset errors
   * alone, each within its confidence; a frame slot missed (67 ms at 15 fps) or a wrong conversion
   * (the skews are 40 and 250 ms) is far outside.
   */
  private static final double START_SPREAD_SLACK_MS = 1;
  private static final long WAIT_SECONDS = 60;

  private final String clusterName = "rig-it-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void theRealRigSyncsStartsTogetherStopsCompleteAndSurvivesANodeDying(@TempDir Path dir) throws Exception {
    Path outputDir = NodeScript.prepareBrowserTest("rig-it");
    int clusterPort = RedisServer.freePort();
    int httpPort = RedisServer.freePort();
    Map<String, NodeProcess> recorders = new LinkedHashMap<>();
    Map<String, Integer> apiPorts = new LinkedHashMap<>();
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
        apiPorts.put(node, RedisServer.freePort());
        recorders.put(node, startRecorder(node, dir, clusterPort, apiPorts.get(node)));
      }
      for (NodeProcess recorder : recorders.values()) {
        recorder.awaitStarted(WAIT_SECONDS);
      }
      Rig rig = new Rig(hub, httpPort);

      // Every node measured its clock against CAM_C's over the bus, within the bound it states.
      JsonObject measured = rig.until(status -> NODES.stream().allMatch(node -> {
        JsonObject one = status.getJsonObject("nodes").getJsonObject(node);
        return one != null && one.getValue("clock_confidence_ms") instanceof Number confidence
            && confidence.doubleValue() <= WARM_CONFIDENCE_MS;
      }));
      for (String node : NODES) {
        JsonObject status = measured.getJsonObject("nodes").getJsonObject(node);
        double error = Math.abs(status.getDouble("clock_offset_ms") - SKEWS.get(node));
        // rounded to microseconds, hence the 0.002
        assertTrue(error <= status.getDouble("clock_confidence_ms") + 0.002,
            node + " measured " + status.getDouble("clock_offset_ms") + " ms for a skew of " + SKEWS.get(node)
                + " ms, off by more than its stated confidence: " + status.encode());
        assertEquals(node.equals("CAM_C") ? "self" : "bus", status.getString("clock_source"));
      }

      // CAM_L's clock is known to be 250 ms off: its guard rails (max_offset_ms 50) refuse, so the
      // coordinator refuses the whole start and no node records alone.
      assertTrue(measured.getJsonObject("not_ready").getString("CAM_L", "")
          .matches("would refuse a start: clock offset 2[45][0-9]\\.[0-9] ms to CAM_C is above 50\\.0 ms"), measured.encode());
      assertFalse(measured.getBoolean("ready"));
      JsonObject blocked = rig.post("/api/rig/start", new JsonObject().put("session", "it-0"), 409);
      assertEquals("refused", blocked.getString("outcome"));
      assertTrue(blocked.getString("error").startsWith("not starting: CAM_L would refuse a start: clock offset "),
          blocked.encode());
      // The operator accepts it on CAM_L through its own HTTP API: start instants are corrected by the offset.
      var raised = Rig.await(rig.client.post(apiPorts.get("CAM_L"), "127.0.0.1", "/api/v1/config")
          .sendJsonObject(new JsonObject().put("settings", new JsonObject().put("max_offset_ms", 1000))));
      assertEquals(200, raised.statusCode(), raised.bodyAsString());
      rig.until(status -> status.getBoolean("ready", false));

      // A coordinated start: three recordings whose first frames agree on CAM_C's clock.
      JsonObject started = rig.post("/api/rig/start", new JsonObject().put("session", "it-1"), 200);
      assertEquals("started", started.getString("outcome"), started.encode());
      long startAt = started.getLong("start_at");
      rig.until(status -> NODES.stream().allMatch(node -> rig.recording(status, node) && rig.segments(status, node) >= 2));
      JsonObject refused = rig.post("/api/rig/start", new JsonObject().put("session", "it-again"), 409);
      assertTrue(refused.getString("error").contains("CAM_L already recording session it-1"), refused.encode());
      assertEquals("stopped", rig.post("/api/rig/stop", new JsonObject(), 200).getString("outcome"));
      rig.until(status -> NODES.stream().allMatch(node -> rig.state(status, node).equals("idle")));

      Map<String, Double> firstFrames = new LinkedHashMap<>();
      List<Double> confidences = new ArrayList<>();
      for (String node : NODES) {
        Path recordings = dir.resolve(node).resolve("recordings");
        JsonObject manifest = readJson(recordings.resolve("it-1_" + node + ".json"));
        assertEquals(true, manifest.getBoolean("complete"), manifest.encodePrettily());
        assertEquals("stopped", manifest.getString("ended_reason"));
        assertEquals(startAt, manifest.getDouble("start_master_ms"), 1e-6);
        assertEquals(manifest.getDouble("start_master_ms") + manifest.getDouble("clock_offset_ms"),
            manifest.getDouble("start_local_ms"), 1e-6, "the start instant converted to " + node + "'s clock");
        assertTrue(manifest.getDouble("first_frame_local_ms") >= manifest.getDouble("start_local_ms"),
            node + " launched before its instant: " + manifest.encode());
        assertEquals("320x180", manifest.getString("resolution"));
        JsonArray segments = manifest.getJsonArray("segments");
        assertEquals(filesOf(recordings, "it-1_" + node + "_"), names(segments), "every segment on disk is listed");
        for (Object entry : segments) {
          JsonObject segment = (JsonObject) entry;
          Path file = recordings.resolve(segment.getString("file"));
          assertEquals(sha256(file), segment.getString("sha256"), file.toString());
          assertEquals(Files.size(file), segment.getLong("bytes"), file.toString());
        }
        assertTrue(manifest.getDouble("first_frame_handover_ms") >= 0, node + " passed its first frame on before its slot");
        // the injected skew is the node's true offset: the spread is what the offset estimates got wrong
        firstFrames.put(node, manifest.getDouble("first_frame_local_ms") - SKEWS.get(node));
        confidences.add(manifest.getDouble("clock_confidence_ms"));
      }
      confidences.sort(Comparator.reverseOrder());
      double spreadLimit = confidences.get(0) + confidences.get(1) + START_SPREAD_SLACK_MS;
      double spread = firstFrames.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()
          - firstFrames.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      String spreadReport = String.format(java.util.Locale.ROOT,
          "first frames in true time %s, start_at %d: spread %.2f ms, limit %.2f ms (the two widest clock confidences %s plus %.0f ms)",
          firstFrames, startAt, spread, spreadLimit, confidences.subList(0, 2), START_SPREAD_SLACK_MS);
      System.out.println(spreadReport);
      assertTrue(spread <= spreadLimit, spreadReport);

      // The page in a real browser: three cards, CAM_L flagged for its clock, start and stop all.
      runBrowser(outputDir, httpPort);
      rig.until(status -> status.getBoolean("ready", false));

      // CAM_R dies (SIGKILL) mid-recording: CAM_L and CAM_C go on, /api/rig shows CAM_R gone.
      assertEquals("started", rig.post("/api/rig/start", new JsonObject().put("session", "it-2"), 200).getString("outcome"));
      JsonObject beforeDeath = rig.until(status -> NODES.stream().allMatch(node -> rig.recording(status, node))
          && rig.segments(status, "CAM_R") >= 1);
      List<ProcessHandle> camRPipeline = ProcessHandle.of(recorders.get("CAM_R").pid()).orElseThrow().descendants().toList();
      recorders.get("CAM_R").kill();
      for (ProcessHandle child : camRPipeline) {
        // its ffmpeg loses the pipe it writes to and ends: nothing is left recording for nobody
        assertTrue(child.onExit().handle((ended, error) -> true).get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      int camLSegments = rig.segments(beforeDeath, "CAM_L");
      JsonObject afterDeath = rig.until(status -> !status.getJsonObject("nodes").containsKey("CAM_R")
          && rig.segments(status, "CAM_L") > camLSegments);
      assertTrue(rig.recording(afterDeath, "CAM_L") && rig.recording(afterDeath, "CAM_C"), afterDeath.encode());
      assertTrue(afterDeath.getJsonArray("disagreements").stream().map(JsonObject.class::cast)
          .anyMatch(found -> "CAM_R".equals(found.getString("node")) && "missing".equals(found.getString("kind"))),
          afterDeath.encode());
      assertEquals("is not on the cluster", afterDeath.getJsonObject("not_ready").getString("CAM_R"));
      JsonObject stoppedTwo = rig.post("/api/rig/stop", new JsonObject(), 200);
      assertEquals(List.of("CAM_L", "CAM_C"), List.copyOf(stoppedTwo.getJsonObject("nodes").fieldNames()), stoppedTwo.encode());

      // What CAM_R left: a manifest naming every file it wrote, the closed ones hashed, the last one playable.
      Path camR = dir.resolve("CAM_R").resolve("recordings");
      JsonObject partial = readJson(camR.resolve("it-2_CAM_R.json"));
      assertEquals(false, partial.getBoolean("complete"), partial.encodePrettily());
      JsonArray listed = partial.getJsonArray("segments");
      assertEquals(filesOf(camR, "it-2_CAM_R_"), names(listed), "every file CAM_R wrote is in its manifest");
      // the one it was writing (in_progress, no hash), or the one it had just closed
      JsonObject last = listed.getJsonObject(listed.size() - 1);
      for (Object entry : listed) {
        JsonObject segment = (JsonObject) entry;
        if (segment.getString("sha256") != null) {
          assertEquals(sha256(camR.resolve(segment.getString("file"))), segment.getString("sha256"));
        }
      }
      assertPlayable(camR.resolve(last.getString("file")));
    } finally {
      for (NodeProcess recorder : recorders.values()) {
        recorder.close();
      }
      if (hub != null) {
        hub.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** A real recorder node on ffmpeg's test source, small and short so three fit on a 2-core box. */
  private NodeProcess startRecorder(String node, Path dir, int clusterPort, int apiPort) throws Exception {
    Path data = Files.createDirectories(dir.resolve(node));
    Path conf = data.resolve("pulse.json");
    Files.writeString(conf, new JsonObject()
        .put("capture", "test").put("codec", "h264").put("resolution", "320x180").put("fps", 15)
        .put("bitrate_mbps", 0.3).put("segment_seconds", 2).put("min_free_minutes", 1)
        .put("clock_skew_ms", SKEWS.get(node)).put("chronyc", "").put("sync_interval", 1)
        .encode());
    return NodeProcess.start(node, List.of("recorder", "--node", node, "--cluster", "--conf", conf.toString()),
        Map.of("PULSE_CLUSTER_NAME", clusterName,
            "PULSE_CLUSTER_HOST", "127.0.0.1",
            "PULSE_CLUSTER_PORT", String.valueOf(clusterPort),
            "PULSE_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort,
            "PULSE_DATA_DIR", data.toString(),
            "PULSE_HTTP_PORT", String.valueOf(apiPort)));
  }

  private static JsonObject readJson(Path file) throws IOException {
    return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static Set<String> filesOf(Path recordings, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(recordings)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.startsWith(prefix) && name.endsWith(".mp4"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> names(JsonArray segments) {
    return segments.stream().map(entry -> ((JsonObject) entry).getString("file")).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** ffprobe reads the file without error and finds a video stream in it. */
  private static void assertPlayable(Path file) throws Exception {
    Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_streams", "-of", "json", file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "ffprobe hangs on " + file);
    assertEquals(0, probe.exitValue(), "ffprobe " + file + ": " + output);
    JsonArray streams = new JsonObject(output).getJsonArray("streams", new JsonArray());
    assertTrue(streams.stream().map(JsonObject.class::cast).anyMatch(stream -> "video".equals(stream.getString("codec_type"))),
        "no video stream in " + file + ": " + output);
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

    String state(JsonObject rig, String node) {
      JsonObject status = rig.getJsonObject("nodes").getJsonObject(node);
      return status == null ? "absent" : status.getString("state", "none");
    }

    boolean recording(JsonObject rig, String node) {
      return state(rig, node).equals("recording");
    }

    int segments(JsonObject rig, String node) {
      JsonObject status = rig.getJsonObject("nodes").getJsonObject(node);
      return status == null ? -1 : status.getInteger("segments", -1);
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

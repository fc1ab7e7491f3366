package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.testing.NodeProcess;
import io.sensepulse.launcher.testing.NodeScript;
import io.sensepulse.launcher.testing.RtspCamera;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras end to end: the hub as users run it (pulse.jar, sign-in off, configured by the
 * environment: {@code CAMERA_CONFIG} with the password in the URL, a short
 * {@code camera_idle_seconds}), two cameras of GStreamer's real RTSP server, a real ffmpeg, and the
 * dashboard in headless Chromium (cameras.mjs): Start, the live view (MSE) and HLS decoding the
 * camera's 320x240 picture with their clocks advancing, the live view playing on after the camera
 * lost power and came back (the streamer reconnects), the stream's readings on the card, Stop
 * freeing the ffmpeg and its files, an H.265 camera explained rather than played, and a stream
 * nobody watches stopped by the hub, and the hub stopped as a service is stopped while a camera
 * streams (no ffmpeg left, "stopped" in Redis). The camera asks for its password, so a stream that plays
 * proves the credentials reached it; none of the hub's answers or log lines may hold them.
 */
class CamerasDashboardIT {
  private static final long OVERALL_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(150);
  private static final long HUB_START_TIMEOUT_S = 60;
  private static final long SETTLE_TIMEOUT_MS = 15_000;
  private static final String USER = "admin";
  private static final String PASSWORD = "Yard-Pa55word";
  /** Short, but above the gateway's 5 s viewer reports, so a watched stream never counts as idle. */
  private static final int IDLE_SECONDS = 8;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void startWatchLiveAndHlsReconnectStopH265AndIdleStop(@TempDir Path dataDir) throws Exception {
    Path outputDir = NodeScript.prepareBrowserTest("cameras-dashboard-it");
    long deadline = System.currentTimeMillis() + OVERALL_TIMEOUT_MS;
    int port = RedisServer.freePort();
    String base = "http://127.0.0.1:" + port + "/";
    Path hlsDir = dataDir.resolve("hls");
    try (RedisServer redis = RedisServer.startNew();
         RtspCamera yard = RtspCamera.start("h264", USER + ":" + PASSWORD);
         RtspCamera hevc = RtspCamera.start("h265", null)) {
      JsonArray cameras = new JsonArray()
          .add(new JsonObject().put("id", "yard").put("name", "Yard").put("rtsp_url", yard.url(USER + ":" + PASSWORD)))
          .add(new JsonObject().put("id", "hevc").put("name", "HEVC").put("rtsp_url", hevc.url(null)));
      Map<String, String> settings = Map.of(
          "CAMERA_CONFIG", cameras.encode(),
          "PULSE_CAMERA_IDLE_SECONDS", String.valueOf(IDLE_SECONDS));
      NodeProcess hub = NodeProcess.startHub("hub-it", port, redis.url(), dataDir, settings, outputDir.resolve("hub.log"));
      NodeScript script = null;
      try {
        hub.awaitStarted(HUB_START_TIMEOUT_S);
        script = NodeScript.start("cameras.mjs", base, PASSWORD, outputDir.resolve("cameras.png").toString());
        boolean sawOk = false;
        for (Optional<String> line = script.next(deadline); line.isPresent(); line = script.next(deadline)) {
          String text = line.get();
          if (text.startsWith("LIVE_PLAYING")) {
            assertEquals(1, ffmpegsWritingTo(hlsDir.resolve("yard")).size(), "one ffmpeg pulls the camera");
            JsonObject again = post(base + "api/cameras/yard/start");
            assertEquals(true, again.getJsonObject("data").getBoolean("already_running"), again.encode());
            assertEquals(1, ffmpegsWritingTo(hlsDir.resolve("yard")).size(), "a second Start spawns no second ffmpeg");
          } else if (text.equals("RESTART_CAMERA")) {
            yard.restart();
            script.println("restarted");
          } else if (text.equals("STOPPED")) {
            await("yard's ffmpeg, files and orchestrator state gone", deadline, () ->
                ffmpegsWritingTo(hlsDir.resolve("yard")).isEmpty() && !Files.exists(hlsDir.resolve("yard"))
                    && "stopped".equals(stream(base, "yard").getString("state")));
            assertEquals("user_stopped", stream(base, "yard").getString("reason"));
            script.println("checked");
          } else if (text.equals("OK")) {
            sawOk = true;
          }
        }
        assertTrue(script.waitFor(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS),
            "cameras.mjs did not exit:\n" + script.transcript());
        assertEquals(0, script.exitValue(), "cameras.mjs failed:\n" + script.transcript() + hub.tail());
        assertTrue(sawOk, "cameras.mjs exited without OK:\n" + script.transcript());

        await("hevc's ffmpeg and files gone after the idle stop", deadline, () ->
            ffmpegsWritingTo(dataDir).isEmpty() && !Files.exists(hlsDir.resolve("hevc")));
        for (String path : List.of("api/cameras", "api/readings", "api/status")) {
          assertFalse(get(base + path).contains(PASSWORD), path + " shows the camera password");
        }
        assertTrue(hub.output().contains("nobody watched for " + IDLE_SECONDS + " s"), "the idle stop is logged" + hub.tail());

        // The service stopped (SIGTERM) while a camera streams: no ffmpeg outlives the hub, and the
        // stream's last word in Redis is "stopped", not a "streaming" the next hub would show for a minute.
        post(base + "api/cameras/yard/start");
        await("yard streaming again", deadline, () -> "streaming".equals(cameraStatus(base, "yard")));
        hub.stop();
        assertEquals(List.of(), ffmpegsWritingTo(dataDir), "ffmpeg outlived the hub");
        assertEquals("stopped", new JsonObject(redisGet(redis, "source:network_camera:yard:stream_status")).getString("value"));
        assertFalse(hub.output().contains(PASSWORD), "the hub logged the camera password" + hub.tail());
      } finally {
        if (script != null) {
          script.close();
        }
        hub.kill();
      }
    }
  }

  /** The stream's status as GET /api/cameras shows it. */
  private String cameraStatus(String base, String camera) {
    try {
      JsonArray cameras = new JsonArray(get(base + "api/cameras"));
      for (int i = 0; i < cameras.size(); i++) {
        if (camera.equals(cameras.getJsonObject(i).getString("id"))) {
          return cameras.getJsonObject(i).getJsonObject("stream").getString("status");
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String redisGet(RedisServer redis, String key) throws Exception {
    Process cli = new ProcessBuilder("redis-cli", "-p", String.valueOf(redis.port()), "--raw", "GET", key).start();
    String value = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    assertTrue(cli.waitFor(10, TimeUnit.SECONDS));
    return value;
  }

  /** The orchestrator's view of one camera, from {@code status:network_camera} through the API. */
  private JsonObject stream(String base, String camera) {
    try {
      JsonObject status = new JsonObject(get(base + "api/status"));
      JsonObject streams = status.getJsonObject("network_camera", new JsonObject())
          .getJsonObject("orchestrator:streams", new JsonObject());
      return streams.getJsonObject(camera, new JsonObject());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String get(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    return response.body();
  }

  private JsonObject post(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    return new JsonObject(response.body());
  }

  /** Every ffmpeg whose arguments name a path under this folder, from the process table. */
  private static List<ProcessHandle> ffmpegsWritingTo(Path folder) {
    String prefix = folder.toAbsolutePath() + "/";
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().command().map(command -> Path.of(command).getFileName().toString().equals("ffmpeg"))
            .orElse(false))
        .filter(process -> process.info().arguments().map(arguments -> List.of(arguments).stream()
            .anyMatch(argument -> argument.contains(prefix))).orElse(false))
        .toList();
  }

  /** Polls what the test can observe every 100 ms until it holds; fails at the deadline. */
  private static void await(String what, long deadline, BooleanSupplier condition) throws InterruptedException {
    long until = Math.min(deadline, System.currentTimeMillis() + SETTLE_TIMEOUT_MS);
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > until) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}

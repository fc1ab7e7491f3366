package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.media.HlsDir;
import io.sensepulse.common.node.NodeAgentVerticle;
import io.sensepulse.common.node.VerticleCatalog;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.store.StoreVerticle;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator's camera control with the real parts it meets on a hub: the node agent deploying
 * the real {@code camera.streamer} from the catalogue, a real ffmpeg pulling GStreamer's RTSP server
 * (the camera module's rtsp_server.py, run by Debian's /usr/bin/python3), the store verticle on a
 * real redis-server. What the fake streamer of {@link CameraControlTest} cannot show: the streamer's
 * own {@code stream.ended} and self-undeploy meeting the orchestrator's settling, and its ffmpeg.
 */
@ExtendWith(VertxExtension.class)
class CameraControlWithStreamerTest {
  private static final String NODE = "hub";
  private static final String CAMERA = "yard";
  private static final long WAIT_MS = 20_000;

  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private static Process rtspServer;
  private static int rtspPort;

  @TempDir
  Path dataDir;

  private Store store;
  private Path cameraDir;

  @BeforeAll
  static void startCamera() throws IOException {
    rtspPort = RedisServer.freePort();
    Path script = Path.of("..", "camera", "src", "test", "resources", "rtsp_server.py");
    rtspServer = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(rtspPort), "/cam", "h264")
        .redirectErrorStream(true).start();
    BufferedReader output = new BufferedReader(new InputStreamReader(rtspServer.getInputStream(), StandardCharsets.UTF_8));
    String line = output.readLine();
    assertEquals("READY", line, "the RTSP test server did not start (GStreamer's gst-rtsp-server installed?)");
    Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "rtsp-server-output");
    drain.setDaemon(true);
    drain.start();
  }

  @AfterAll
  static void stopCamera() throws InterruptedException {
    rtspServer.destroyForcibly();
    rtspServer.waitFor(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    JsonObject node = new JsonObject().put(PulseSettings.NODE_ID, NODE).put(PulseSettings.ANNOUNCE_INTERVAL, 3600)
        .put(PulseSettings.DATA_DIR, dataDir.toString()).put(PulseSettings.REDIS_URL, redis.url())
        // relative, as a user may write it: streamer and orchestrator must both take it under data_dir
        .put(HlsDir.KEY, "video");
    cameraDir = HlsDir.of(node).resolve(CAMERA);
    vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions().setConfig(node)).await();
    vertx.deployVerticle(new NodeAgentVerticle(), new DeploymentOptions().setConfig(node)).await();
    store = Store.create(vertx, redis.url()).start().await();
    store.putConfig(CameraControl.SECTION, new JsonObject().put("cameras", new JsonArray()
        .add(new JsonObject().put("id", CAMERA).put("rtsp_url", "rtsp://127.0.0.1:" + rtspPort + "/cam"))
        .add(new JsonObject().put("id", "porch").put("rtsp_url", "rtsp://127.0.0.1:1/cam")))).await();
  }

  @AfterEach
  void tearDown() {
    store.close().await();
  }

  private CameraControl control(Vertx vertx, int idleSeconds) {
    CameraControl control = new CameraControl(vertx, NODE, VerticleCatalog.CAMERA_STREAMER, cameraDir.getParent(), idleSeconds,
        CameraControl.Storage.of(store), null, LeftoverFfmpeg::killLeftovers);
    control.start().await();
    return control;
  }

  private static JsonObject command(String name) {
    return new JsonObject().put("command", name).put("camera", CAMERA);
  }

  /** The orchestrator's entry for the camera once it matches, from the status the store publishes. */
  private static Future<JsonObject> streamState(Vertx vertx, String state) {
    Promise<JsonObject> seen = Promise.promise();
    var consumer = vertx.eventBus().<JsonObject>consumer(Addresses.status(Addresses.CAMERA_SOURCE));
    consumer.handler(message -> {
      JsonObject entry = message.body().getJsonObject(CameraControl.STREAMS, new JsonObject()).getJsonObject(CAMERA);
      if (entry != null && state.equals(entry.getString("state"))) {
        consumer.unregister();
        seen.tryComplete(entry);
      }
    });
    return consumer.completion().compose(registered -> seen.future());
  }

  /** Every ffmpeg whose arguments name a path in the camera's folder (inside the tee list too). */
  private List<ProcessHandle> ffmpegs() {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().command().map(command -> command.endsWith("/ffmpeg")).orElse(false))
        .filter(process -> process.info().arguments().map(arguments -> String.join(" ", arguments).contains(cameraDir + "/"))
            .orElse(false))
        .toList();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
      Thread.sleep(100);
    }
  }

  @Test
  void twoStartsAtOnceRunOneFfmpegAndStopLeavesNothingOnceSettled(Vertx vertx) throws Exception {
    CameraControl control = control(vertx, 120);
    Future<JsonObject> first = control.startCamera(command("start_camera"));
    Future<JsonObject> second = control.startCamera(command("start_camera"));
    assertEquals("running", first.await().getString("state"));
    assertEquals(true, second.await().getBoolean("already_running"));
    await("the playlist", () -> Files.exists(cameraDir.resolve("index.m3u8")));
    assertEquals(1, ffmpegs().size(), "one ffmpeg for two starts");
    assertEquals(true, control.startCamera(command("start_camera")).await().getBoolean("already_running"));

    Future<JsonObject> stopped = streamState(vertx, "stopped");
    long stopAt = System.currentTimeMillis();
    JsonObject reply = control.stopCamera(command("stop_camera")).await();
    assertEquals("stopped", reply.getString("status"), reply.encode());
    assertEquals(List.of(), ffmpegs(), "the stop is answered once ffmpeg has ended");
    assertFalse(Files.exists(cameraDir), "and its files are gone");
    JsonObject ended = stopped.await();
    assertTrue(System.currentTimeMillis() - stopAt >= CameraControl.SETTLE_MS, "settled for 2 s first");
    assertEquals("user_stopped", ended.getString("reason"));
    assertEquals(2, vertx.deploymentIDs().size(), "the streamer undeployed, only the store and the agent are left");
    // Settled: the camera starts afresh.
    assertEquals(false, control.startCamera(command("start_camera")).await().containsKey("already_running"));
    await("a fresh ffmpeg", () -> ffmpegs().size() == 1);
  }

  @Test
  void aStreamNobodyWatchesStopsByItselfAndLeavesNoFfmpeg(Vertx vertx) throws Exception {
    CameraControl control = control(vertx, 2);
    Future<JsonObject> stopped = streamState(vertx, "stopped");
    control.startCamera(command("start_camera")).await();
    await("ffmpeg", () -> ffmpegs().size() == 1);
    assertEquals("user_stopped", stopped.await().getString("reason"));
    assertEquals(List.of(), ffmpegs());
    assertFalse(Files.exists(cameraDir));
    await("the streamer undeployed", () -> vertx.deploymentIDs().size() == 2);
  }

  @Test
  void aStreamLeftByAPreviousOrchestratorIsTakenOverAndOthersAreRecordedStopped(Vertx vertx) throws Exception {
    // Streaming before this orchestrator started, as after a restart of the orchestrator alone.
    JsonObject deploy = new JsonObject().put("verticle", VerticleCatalog.CAMERA_STREAMER).put("config", new JsonObject()
        .put("camera", new JsonObject().put("id", CAMERA).put("rtsp_url", "rtsp://127.0.0.1:" + rtspPort + "/cam")));
    String deploymentId = vertx.eventBus().<JsonObject>request(Addresses.nodeDeploy(NODE), deploy).await().body()
        .getString("deploymentId");
    await("ffmpeg", () -> ffmpegs().size() == 1);

    Future<JsonObject> stopped = streamState(vertx, "stopped");
    CameraControl control = control(vertx, 2);
    JsonObject status = store.status(Addresses.CAMERA_SOURCE).await().getJsonObject(CameraControl.STREAMS);
    assertEquals("running", status.getJsonObject(CAMERA).getString("state"));
    assertEquals(deploymentId, status.getJsonObject(CAMERA).getString("deploymentId"));
    assertEquals("gone", status.getJsonObject("porch").getString("reason"), "no streamer answers for porch: " + status);
    assertEquals(true, control.startCamera(command("start_camera")).await().getBoolean("already_running"));
    // Taken over, the idle stop applies to it.
    assertEquals("user_stopped", stopped.await().getString("reason"));
    assertEquals(List.of(), ffmpegs());
    await("the streamer undeployed", () -> !vertx.deploymentIDs().contains(deploymentId));
  }
}

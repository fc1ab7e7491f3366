package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.node.NodeAgentVerticle;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator's camera commands against the real node agent deploying {@link FakeStreamer},
 * a real Redis for {@code config:camera}, the status and the scan, and a real ffmpeg for the
 * leftover a crashed streamer leaves.
 */
@ExtendWith(VertxExtension.class)
class CameraControlTest {
  private static final String NODE = "hub";
  private static final String STREAMER = "test.streamer";

  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  @TempDir
  Path hlsDir;

  private Store store;
  private final List<JsonObject> started = new CopyOnWriteArrayList<>();
  private final List<Long> pids = new CopyOnWriteArrayList<>();
  private final Promise<JsonObject> firstStarted = Promise.promise();

  @BeforeEach
  void setUp(Vertx vertx) {
    JsonObject node = new JsonObject().put(PulseSettings.NODE_ID, NODE).put(PulseSettings.ANNOUNCE_INTERVAL, 3600)
        .put(OrchestratorVerticle.HLS_DIR, hlsDir.toString())
        .put(NodeAgentVerticle.CATALOG, new JsonObject().put(STREAMER, FakeStreamer.class.getName()));
    vertx.deployVerticle(new NodeAgentVerticle(), new DeploymentOptions().setConfig(node)).await();
    vertx.eventBus().<JsonObject>consumer(FakeStreamer.STARTED, message -> {
      started.add(message.body());
      pids.add(message.body().getLong("pid"));
      firstStarted.tryComplete(message.body());
    }).completion().await();
    store = Store.create(vertx, redis.url()).start().await();
    store.putConfig(CameraControl.SECTION, new JsonObject().put("cameras", new JsonArray()
        .add(new JsonObject().put("id", "yard").put("name", "Yard").put("rtsp_url", "rtsp://u:secret@10.0.0.5/s"))
        .add(new JsonObject().put("id", "leaky").put("name", "Leaky").put("rtsp_url", "rtsp://10.0.0.6/s")
            .put("test_leak", true))
        .add(new JsonObject().put("id", "far").put("name", "Far").put("rtsp_url", "rtsp://10.0.0.7/s").put("node", "CAM_L"))))
        .await();
  }

  @AfterEach
  void tearDown() {
    // Only if a test failed before the orchestrator ended them.
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    store.close().await();
  }

  private CameraControl control(Vertx vertx, int idleSeconds, CameraControl.Discovery discovery) {
    CameraControl control = new CameraControl(vertx, NODE, STREAMER, hlsDir, idleSeconds, CameraControl.Storage.of(store), discovery,
        LeftoverFfmpeg::killLeftovers);
    control.start().await();
    return control;
  }

  private static JsonObject start(String camera) {
    return new JsonObject().put("command", "start_camera").put("camera", camera);
  }

  /** The next {@code status.network_camera} publish whose {@code streams} entry for the camera matches. */
  private static Future<JsonObject> streamStatus(Vertx vertx, String camera, Predicate<JsonObject> matching) {
    Promise<JsonObject> seen = Promise.promise();
    var consumer = vertx.eventBus().<JsonObject>consumer(Addresses.status(Addresses.CAMERA_SOURCE));
    consumer.handler(message -> {
      JsonObject entry = message.body().getJsonObject(CameraControl.STREAMS, new JsonObject()).getJsonObject(camera);
      if (entry != null && matching.test(entry)) {
        consumer.unregister();
        seen.tryComplete(entry);
      }
    });
    return consumer.completion().compose(registered -> seen.future());
  }

  @Test
  void startDeploysTheStreamerOnceEvenWhenAskedTwiceAtOnce(Vertx vertx) {
    CameraControl control = control(vertx, 120, null);
    Future<JsonObject> running = streamStatus(vertx, "yard", entry -> "running".equals(entry.getString("state")));
    Future<JsonObject> first = control.startCamera(start("yard"));
    Future<JsonObject> second = control.startCamera(start("yard"));
    JsonObject firstReply = first.await();
    JsonObject secondReply = second.await();
    assertEquals("running", firstReply.getString("state"));
    assertEquals(NODE, firstReply.getString("node"));
    assertEquals(true, secondReply.getBoolean("already_running"));
    assertEquals("camera yard is already running", secondReply.getString("message"));
    assertEquals(Boolean.TRUE, control.startCamera(start("yard")).await().getBoolean("already_running"));
    assertEquals(firstReply.getString("deploymentId"), running.await().getString("deploymentId"));
    assertEquals("yard", firstStarted.future().await().getString("camera"));
    assertEquals(1, started.size(), "one streamer only: " + started);
    // The agent and one streamer.
    assertEquals(2, vertx.deploymentIDs().size());
  }

  @Test
  void unknownAndInvalidCamerasAreRefused(Vertx vertx) {
    CameraControl control = control(vertx, 120, null);
    Throwable unknown = assertThrows(Exception.class, () -> control.startCamera(start("porch")).await());
    assertEquals("unknown camera 'porch'; configured in config:camera: yard, leaky, far", unknown.getMessage());
    IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
        () -> control.startCamera(start("../etc")));
    assertTrue(invalid.getMessage().startsWith("'start_camera' needs {camera}"), invalid.getMessage());
    Throwable notRunning = assertThrows(Exception.class,
        () -> control.stopCamera(new JsonObject().put("camera", "yard")).await());
    assertEquals("camera yard is not running", notRunning.getMessage());
    // A refused start leaves nothing behind: the camera still starts.
    assertEquals("running", control.startCamera(start("yard")).await().getString("state"));
  }

  @Test
  void aCameraOnAnotherNodeIsDeployedThroughThatNodesAgent(Vertx vertx) {
    CameraControl control = control(vertx, 120, null);
    Promise<JsonObject> asked = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.nodeDeploy("CAM_L"), message -> {
      asked.complete(message.body());
      message.reply(new JsonObject().put("deploymentId", "remote-1").put("verticle", STREAMER));
    }).completion().await();
    JsonObject reply = control.startCamera(start("far")).await();
    assertEquals("CAM_L", reply.getString("node"));
    assertEquals("remote-1", reply.getString("deploymentId"));
    JsonObject request = asked.future().await();
    assertEquals(STREAMER, request.getString("verticle"));
    assertEquals("rtsp://10.0.0.7/s", request.getJsonObject("config").getJsonObject("camera").getString("rtsp_url"));
  }

  @Test
  void stopAsksTheStreamerAndTheEndIsRecordedAfterItSettles(Vertx vertx) {
    CameraControl control = control(vertx, 120, null);
    control.startCamera(start("yard")).await();
    Future<JsonObject> stopped = streamStatus(vertx, "yard", entry -> "stopped".equals(entry.getString("state")));
    long stopAt = System.currentTimeMillis();
    JsonObject reply = control.stopCamera(new JsonObject().put("camera", "yard")).await();
    assertEquals(new JsonObject().put("state", "stopped").put("camera", "yard").put("stopped", true), reply);
    JsonObject ended = stopped.await();
    assertEquals("user_stopped", ended.getString("reason"));
    assertTrue(System.currentTimeMillis() - stopAt >= CameraControl.SETTLE_MS, "recorded before the settling time");
    assertEquals(1, vertx.deploymentIDs().size(), "only the agent is left");
    // Once settled the camera starts afresh.
    assertEquals("running", control.startCamera(start("yard")).await().getString("state"));
    assertEquals(2, started.size());
  }

  @Test
  void aStreamerThatDiesHalfWayIsUndeployedAndItsFfmpegEnded(Vertx vertx) {
    CameraControl control = control(vertx, 120, null);
    control.startCamera(start("leaky")).await();
    long pid = firstStarted.future().await().getLong("pid");
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the fake's ffmpeg runs");
    Future<JsonObject> stopped = streamStatus(vertx, "leaky", entry -> "stopped".equals(entry.getString("state")));
    vertx.eventBus().request(Addresses.cmdCamera("leaky"), new JsonObject().put("action", "crash")).await();
    JsonObject ended = stopped.await();
    assertEquals("error", ended.getString("reason"));
    assertEquals("ffmpeg exited with 1", ended.getString("error"));
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "ffmpeg was left running");
    assertEquals(1, vertx.deploymentIDs().size(), "the streamer was left deployed");
  }

  @Test
  void aStreamNobodyWatchesIsStoppedAfterTheIdleTime(Vertx vertx) {
    CameraControl control = control(vertx, 2, null);
    Promise<Long> stopAsked = Promise.promise();
    vertx.eventBus().consumer(FakeStreamer.STOP_ASKED, message -> stopAsked.tryComplete(System.currentTimeMillis()))
        .completion().await();
    control.startCamera(start("yard")).await();
    // Watched for 3 s, longer than the idle time, then left.
    AtomicLong lastViewer = new AtomicLong();
    JsonObject watching = new JsonObject().put("camera", "yard").put("viewers", 1).put("last_seen", 0);
    long ticker = vertx.setPeriodic(1, 500, id -> {
      lastViewer.set(System.currentTimeMillis());
      vertx.eventBus().publish(Addresses.CAMERA_VIEWERS, watching);
    });
    vertx.setTimer(3_000, id -> vertx.cancelTimer(ticker));
    long stoppedAt = stopAsked.future().await();
    long unwatched = stoppedAt - lastViewer.get();
    assertTrue(unwatched >= 2_000, "stopped " + unwatched + " ms after the last viewer");
  }

  @Test
  void discoveryIsKeptAsAScanAndReplied(Vertx vertx) {
    JsonArray found = new JsonArray().add(new JsonObject().put("name", "Porch").put("host", "10.0.0.9").put("port", 554));
    CameraControl control = control(vertx, 120, () -> Future.succeededFuture(found));
    assertEquals(new JsonObject().put("cameras", found), control.discover(new JsonObject()).await());
    assertEquals(new JsonObject().put("cameras", found), store.scan(Addresses.CAMERA_SOURCE).await());
    long ttl = store.ttl("scan:" + Addresses.CAMERA_SOURCE).await();
    assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);
  }
}

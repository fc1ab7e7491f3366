package io.sensepulse.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.store.StoreVerticle;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamer against real peers: GStreamer's RTSP server as the camera, a real ffmpeg, the store
 * on a real redis-server. Waits are polls of what the test can observe, never fixed sleeps.
 */
@ExtendWith(VertxExtension.class)
class CameraStreamerVerticleTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  /** With a quote, which the script that carries the camera's URL to ffmpeg must quote. */
  private static final String PASSWORD = "s3cr'et";
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** One camera for the tests that do not take it away. */
  private static RtspTestServer camera;

  @TempDir Path dataDir;

  /** The latest value of each network_camera sensor, and every stream_status seen, from the store's data.* messages. */
  private final Map<String, Object> readings = new ConcurrentHashMap<>();
  private final List<String> statuses = new CopyOnWriteArrayList<>();
  private final List<JsonObject> ended = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startCamera() {
    camera = RtspTestServer.start("h264");
  }

  @AfterAll
  static void stopCamera() {
    camera.close();
  }

  @BeforeEach
  void deployStore(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(Addresses.data(Addresses.CAMERA_SOURCE), message -> {
      JsonObject sensors = message.body().getJsonObject("readings");
      sensors.forEach(entry -> {
        Object value = ((JsonObject) entry.getValue()).getValue("value");
        readings.put(entry.getKey(), value == null ? "null" : value);
        if (entry.getKey().endsWith(":stream_status")) {
          statuses.add(entry.getKey() + "=" + value);
        }
      });
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_ENDED, message -> ended.add(message.body()));
    vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions()
            .setConfig(new JsonObject().put("node_id", "test-node").put("redis_url", redis.url())))
        .onComplete(test.succeedingThenComplete());
  }

  private JsonObject config(String id, String url) {
    return new JsonObject()
        .put("node_id", "test-node")
        .put("data_dir", dataDir.toString())
        .put("camera", new JsonObject().put("id", id).put("rtsp_url", url))
        .put("status_interval_ms", 500)
        .put("reconnect_base_ms", 400)
        .put("reconnect_max_ms", 1000)
        .put("stale_after_ms", 4000);
  }

  private static Future<String> deploy(Vertx vertx, CameraStreamerVerticle streamer, JsonObject config) {
    return vertx.deployVerticle(streamer, new DeploymentOptions().setConfig(config));
  }

  private Path outputDir(String id) {
    return dataDir.resolve("hls").resolve(id);
  }

  /** Completes once the condition holds, checked every 100 ms; fails after {@link #WAIT}. */
  private static Future<Void> until(Vertx vertx, String what, BooleanSupplier condition) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + WAIT.toNanos();
    vertx.setPeriodic(100, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        done.tryFail("timed out waiting for " + what);
      }
    });
    return done.future();
  }

  private Future<Void> untilStatus(Vertx vertx, String id, String status) {
    return until(vertx, id + " " + status + " (seen " + statuses + ")", () -> status.equals(readings.get(id + ":stream_status")));
  }

  private static Future<JsonObject> command(Vertx vertx, String id, JsonObject request) {
    return vertx.eventBus().<JsonObject>request(Addresses.cmdCamera(id), request).map(Message::body);
  }

  /** Every ffmpeg process writing into this folder, from the process table. */
  private static List<ProcessHandle> ffmpegsWritingTo(Path folder) {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().command().map(command -> command.endsWith("ffmpeg")).orElse(false))
        .filter(process -> process.info().arguments().map(arguments -> String.join(" ", arguments).contains(folder.toString()))
            .orElse(false))
        .toList();
  }

  private static String playlist(Path folder) {
    try {
      return Files.readString(folder.resolve("index.m3u8"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static boolean startsWithBox(Buffer buffer, String type) {
    return buffer.length() >= 8 && buffer.getString(4, 8, "ISO-8859-1").equals(type);
  }

  @Test
  void streamsHlsAndLiveFragmentsReportsTheStreamAndStopFreesEverything(Vertx vertx, VertxTestContext test) {
    String id = "door";
    Path folder = outputDir(id);
    List<Message<Buffer>> live = new CopyOnWriteArrayList<>();
    vertx.eventBus().<Buffer>consumer(Addresses.cameraLive(id), live::add);
    Pattern extinf = Pattern.compile("#EXTINF:([0-9.]+),");
    Store store = Store.create(vertx, redis.url());

    deploy(vertx, new CameraStreamerVerticle(), config(id, camera.url("admin:" + PASSWORD)))
        .compose(deployed -> until(vertx, "a playlist with two segments", () -> extinf.matcher(playlist(folder)).results().count() >= 2))
        .compose(playlistUp -> until(vertx, "readings of a streaming 320x240 15 fps stream",
            () -> "streaming".equals(readings.get(id + ":stream_status")) && "320x240".equals(readings.get(id + ":stream_resolution"))))
        .compose(streaming -> until(vertx, "live fragments with a keyframe", () -> live.size() >= 4
            && live.stream().anyMatch(message -> "true".equals(message.headers().get("keyframe")))))
        .compose(fragments -> {
          test.verify(() -> {
            String text = playlist(folder);
            assertTrue(text.contains("#EXT-X-PROGRAM-DATE-TIME:"), text);
            Matcher durations = extinf.matcher(text);
            while (durations.find()) {
              double seconds = Double.parseDouble(durations.group(1));
              assertTrue(seconds > 0.5 && seconds < 1.6, "about 1 s segments: " + text);
            }
            text.lines().filter(line -> line.endsWith(".ts"))
                .forEach(segment -> assertTrue(Files.exists(folder.resolve(segment)), segment + " listed but missing"));
            assertEquals(15.0, ((Number) readings.get(id + ":stream_fps")).doubleValue());
            assertEquals(true, readings.get(id + ":stream_connected"));
            assertEquals("null", readings.get(id + ":stream_error"));
            assertNotNull(readings.get(id + ":stream_uptime"));
            Message<Buffer> first = live.get(0);
            assertEquals("true", first.headers().get("init"), "a run starts with its init segment");
            assertTrue(startsWithBox(first.body(), "ftyp"));
            long previous = 0;
            for (Message<Buffer> message : live) {
              long seq = Long.parseLong(message.headers().get("seq"));
              assertTrue(seq > previous, "seq rises");
              previous = seq;
            }
            assertTrue(startsWithBox(live.get(1).body(), "moof"));
            List<ProcessHandle> ffmpegs = ffmpegsWritingTo(folder);
            assertEquals(1, ffmpegs.size(), "one ffmpeg, one upstream connection");
            String commandLine = String.join(" ", ffmpegs.get(0).info().arguments().orElseThrow());
            assertFalse(commandLine.contains(PASSWORD), "any local user can read ffmpeg's arguments: " + commandLine);
            assertTrue(Files.exists(dataDir.resolve("run/camera-door.pid")));
          });
          return vertx.eventBus().<Buffer>request(Addresses.cameraLiveInit(id), new JsonObject());
        })
        .compose(init -> {
          test.verify(() -> {
            assertTrue(startsWithBox(init.body(), "ftyp"), "init segment first");
            assertTrue(Long.parseLong(init.headers().get("seq")) >= 1);
          });
          return command(vertx, id, new JsonObject().put("action", "status"));
        })
        .compose(status -> {
          test.verify(() -> {
            assertEquals("ok", status.getString("status"));
            JsonObject data = status.getJsonObject("data");
            assertEquals("streaming", data.getString("status"));
            assertEquals("h264", data.getString("codec"));
            assertEquals("pcm_mulaw", data.getString("audio_codec"));
            assertEquals("rtsp://********@127.0.0.1:" + camera.port() + "/cam", data.getString("url"));
            assertFalse(status.encode().contains(PASSWORD), status.encode());
          });
          return command(vertx, id, new JsonObject().put("action", "ptz_move").put("direction", "left"));
        })
        .compose(ptz -> {
          test.verify(() -> assertEquals(new JsonObject().put("status", "error").put("error", "PTZ needs ONVIF settings for this camera"), ptz));
          return store.start().compose(started -> store.status(Addresses.CAMERA_SOURCE));
        })
        .compose(stored -> {
          test.verify(() -> {
            assertEquals("streaming", stored.getJsonObject(id).getString("status"));
            assertFalse(stored.encode().contains(PASSWORD), stored.encode());
          });
          return store.readings(Addresses.CAMERA_SOURCE);
        })
        .compose(stored -> {
          test.verify(() -> {
            assertEquals("320x240", stored.getJsonObject(id + ":stream_resolution").getString("value"));
            assertEquals(6, stored.fieldNames().stream().filter(sensor -> sensor.startsWith(id + ":")).count(),
                "six readings per camera: " + stored.fieldNames());
          });
          return command(vertx, id, new JsonObject().put("action", "stop"));
        })
        .compose(stopped -> {
          test.verify(() -> {
            assertEquals("ok", stopped.getString("status"), stopped.encode());
            assertEquals("stopped", stopped.getJsonObject("data").getString("status"));
            // The reply comes once ffmpeg has ended and its files are gone.
            assertEquals(List.of(), ffmpegsWritingTo(folder));
            assertFalse(Files.exists(folder), "playlist and segments removed");
            assertFalse(Files.exists(dataDir.resolve("run/camera-door.pid")));
          });
          return until(vertx, "stream.ended and the undeploy", () -> !ended.isEmpty() && vertx.deploymentIDs().size() == 1);
        })
        .eventually(store::close)
        .onComplete(test.succeeding(gone -> test.verify(() -> {
          assertEquals(new JsonObject().put("camera", id).put("reason", "user_stopped").put("error", null), ended.get(0));
          test.completeNow();
        })));
  }

  @Test
  void reconnectsWhenTheCameraDropsAndGivesUpWhenItIsGone(Vertx vertx, VertxTestContext test) {
    String id = "flaky";
    RtspTestServer flaky = RtspTestServer.start("h264");
    JsonObject config = config(id, flaky.url()).put("max_reconnects", 6);
    String[] deployment = new String[1];
    deploy(vertx, new CameraStreamerVerticle(), config)
        .compose(deployed -> {
          deployment[0] = deployed;
          return untilStatus(vertx, id, "streaming");
        })
        .compose(streaming -> {
          flaky.kill();
          return untilStatus(vertx, id, "reconnecting");
        })
        .compose(reconnecting -> vertx.executeBlocking(() -> {
          flaky.start();
          return null;
        }))
        .compose(back -> untilStatus(vertx, id, "streaming"))
        .compose(resumed -> command(vertx, id, new JsonObject().put("action", "status")))
        .compose(status -> {
          test.verify(() -> {
            JsonObject data = status.getJsonObject("data");
            assertTrue(data.getInteger("restarts") >= 1, data.encode());
            assertEquals(0, data.getInteger("reconnect_attempts"), "a fresh stream resets the count");
          });
          flaky.kill();
          return until(vertx, "stream.ended after the reconnects", () -> !ended.isEmpty());
        })
        .compose(gaveUp -> until(vertx, "the streamer undeployed", () -> !vertx.deploymentIDs().contains(deployment[0])))
        .eventually(() -> {
          flaky.close();
          return Future.succeededFuture();
        })
        .onComplete(test.succeeding(gone -> test.verify(() -> {
          JsonObject end = ended.get(0);
          assertEquals("max_reconnects", end.getString("reason"));
          assertEquals("the camera refused the connection (is the RTSP port right?)", end.getString("error"));
          String sensor = id + ":stream_status=";
          int streaming = statuses.indexOf(sensor + "streaming");
          int reconnecting = statuses.indexOf(sensor + "reconnecting");
          assertTrue(streaming >= 0 && reconnecting > streaming && statuses.lastIndexOf(sensor + "streaming") > reconnecting,
              statuses.toString());
          assertEquals(sensor + "error", statuses.get(statuses.size() - 1));
          assertEquals(List.of(), ffmpegsWritingTo(outputDir(id)));
          assertFalse(Files.exists(outputDir(id)));
          test.completeNow();
        })));
  }

  @Test
  void anFfmpegLeftFromAPreviousRunIsEndedAtStart(Vertx vertx, VertxTestContext test) throws Exception {
    String id = "porch";
    Path playlist = outputDir(id).resolve("index.m3u8");
    Files.createDirectories(playlist.getParent());
    Process orphan = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi",
        "-i", "testsrc=size=64x48:rate=5", "-c:v", "libx264", "-f", "hls", "-hls_time", "1", playlist.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
    new FfmpegPidFile(FfmpegPidFile.path(dataDir, id), playlist).write(orphan.toHandle());
    Path notes = playlist.resolveSibling("notes.txt");
    Files.writeString(notes, "not the streamer's");
    deploy(vertx, new CameraStreamerVerticle(), config(id, camera.url()))
        .compose(deployed -> {
          test.verify(() -> assertFalse(orphan.isAlive(), "ended before the new ffmpeg starts"));
          return untilStatus(vertx, id, "streaming");
        })
        .compose(streaming -> {
          test.verify(() -> {
            List<ProcessHandle> running = ffmpegsWritingTo(outputDir(id));
            assertEquals(1, running.size());
            assertFalse(running.get(0).pid() == orphan.pid());
          });
          return command(vertx, id, new JsonObject().put("action", "stop"));
        })
        .onComplete(test.succeeding(stopped -> test.verify(() -> {
          try (var left = Files.list(outputDir(id))) {
            assertEquals(List.of(notes), left.toList(), "only what ffmpeg wrote is removed");
          }
          test.completeNow();
        })));
  }

  @Test
  void closingVertxAsTheNodeDoesAtShutdownLeavesNoFfmpeg(Vertx vertx, VertxTestContext test) {
    String id = "attic";
    Vertx node = Vertx.vertx();
    // The chain continues on the test's own context: the node's ends with it.
    Future.fromCompletionStage(deploy(node, new CameraStreamerVerticle(), config(id, camera.url())).toCompletionStage(),
            vertx.getOrCreateContext())
        .compose(deployed -> until(vertx, "ffmpeg writing segments", () -> playlist(outputDir(id)).contains("#EXTINF")))
        .compose(running -> {
          node.close();
          return until(vertx, "no ffmpeg, files or pid file left", () -> ffmpegsWritingTo(outputDir(id)).isEmpty()
              && !Files.exists(outputDir(id)) && !Files.exists(FfmpegPidFile.path(dataDir, id)));
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void anUndeployedStreamerHasWrittenItsLastStatusWhenItsUndeployCompletes(Vertx vertx, VertxTestContext test) {
    String id = "shed";
    Store store = Store.create(vertx, redis.url());
    // What the launcher does at shutdown before it closes the node: undeploy the streamers while the store is up.
    deploy(vertx, new CameraStreamerVerticle(), config(id, camera.url()))
        .compose(deployed -> untilStatus(vertx, id, "streaming").compose(streaming -> vertx.undeploy(deployed)))
        .compose(undeployed -> store.start().compose(started -> store.readings(Addresses.CAMERA_SOURCE)))
        .eventually(store::close)
        .onComplete(test.succeeding(stored -> test.verify(() -> {
          assertEquals("stopped", stored.getJsonObject(id + ":stream_status").getString("value"),
              "a hub that stops must not leave its cameras 'streaming' for a minute");
          assertEquals(new JsonObject().put("camera", id).put("reason", "undeployed").put("error", null), ended.get(0));
          test.completeNow();
        })));
  }

  @Test
  void h265StreamsWithAWarningThatBrowsersMayNotPlayIt(Vertx vertx, VertxTestContext test) {
    String id = "hevc";
    RtspTestServer hevc = RtspTestServer.start("h265");
    deploy(vertx, new CameraStreamerVerticle(), config(id, hevc.url()))
        .compose(deployed -> untilStatus(vertx, id, "streaming"))
        .compose(streaming -> command(vertx, id, new JsonObject().put("action", "status")))
        .eventually(() -> {
          hevc.close();
          return Future.succeededFuture();
        })
        .onComplete(test.succeeding(status -> test.verify(() -> {
          assertEquals("hevc", status.getJsonObject("data").getString("codec"));
          String warning = "the camera sends H.265 (hevc) video, which most browsers cannot play; set the camera to H.264";
          assertEquals(warning, status.getJsonObject("data").getString("error"));
          assertEquals(warning, readings.get(id + ":stream_error"));
          test.completeNow();
        })));
  }

  @Test
  void aCameraWithoutVideoThatRefusesOrStaysSilentEndsWithAClearError(Vertx vertx, VertxTestContext test) throws Exception {
    RtspTestServer audioOnly = RtspTestServer.start("audio-only");
    RtspTestServer locked = RtspTestServer.start("h264", "admin:" + PASSWORD);
    int nobody = RedisServer.freePort();
    // A host that accepts the connection and never answers: ffmpeg must give up after rtsp_timeout_ms.
    vertx.createNetServer().connectHandler(socket -> { }).listen(0, "127.0.0.1")
        .compose(silent -> Future.all(
            deploy(vertx, new CameraStreamerVerticle(), config("mute", audioOnly.url()).put("max_reconnects", 0)),
            deploy(vertx, new CameraStreamerVerticle(),
                config("gone", "rtsp://admin:" + PASSWORD + "@127.0.0.1:" + nobody + "/cam").put("max_reconnects", 1)),
            deploy(vertx, new CameraStreamerVerticle(),
                config("silent", "rtsp://127.0.0.1:" + silent.actualPort() + "/cam").put("max_reconnects", 0)
                    .put("rtsp_timeout_ms", 1000)),
            deploy(vertx, new CameraStreamerVerticle(), config("locked", locked.url("admin:wrong-" + PASSWORD))
                .put("max_reconnects", 0))))
        .compose(deployed -> until(vertx, "the four streams ended", () -> ended.size() == 4))
        .compose(allEnded -> until(vertx, "all undeployed", () -> vertx.deploymentIDs().size() == 1))
        .eventually(() -> {
          audioOnly.close();
          locked.close();
          return Future.succeededFuture();
        })
        .onComplete(test.succeeding(done -> test.verify(() -> {
          Map<String, String> errors = new java.util.HashMap<>();
          ended.forEach(end -> {
            assertEquals("max_reconnects", end.getString("reason"));
            errors.put(end.getString("camera"), end.getString("error"));
          });
          assertEquals(Map.of("mute", "the camera sends no video stream",
              "gone", "the camera refused the connection (is the RTSP port right?)",
              "silent", "no RTSP answer from the camera (a silent host, or not an RTSP server)",
              "locked", "the camera refused the user name or password (401 Unauthorized)"), errors);
          assertEquals("error", readings.get("mute:stream_status"));
          assertEquals("the camera sends no video stream", readings.get("mute:stream_error"));
          assertFalse(String.valueOf(readings).contains(PASSWORD));
          test.completeNow();
        })));
  }

  @Test
  void badConfigFailsTheDeploymentWithoutEchoingTheCredentials(Vertx vertx, VertxTestContext test) {
    deploy(vertx, new CameraStreamerVerticle(), config("door", "rtsp://admin:" + PASSWORD + "@[broken/cam"))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals("camera 'door': rtsp_url is not a valid URL (characters such as @ : / in a user name or password"
              + " must be percent-encoded)", error.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void commandsAreValidatedPtzIsDelegatedAndRestartStartsAFreshRun(Vertx vertx, VertxTestContext test) {
    String id = "yard";
    List<String> moves = new ArrayList<>();
    List<CameraConfig.Onvif> built = new ArrayList<>();
    PtzControl.Factory factory = (v, onvif) -> {
      built.add(onvif);
      return (direction, step) -> {
        moves.add(direction + " " + step);
        return Future.succeededFuture();
      };
    };
    JsonObject config = config(id, camera.url());
    config.getJsonObject("camera").put("onvif", new JsonObject().put("port", 8899).put("username", "u").put("password", "pw0nvif"));
    deploy(vertx, new CameraStreamerVerticle(factory), config)
        .compose(deployed -> deploy(vertx, new CameraStreamerVerticle(), config(id, camera.url()))
            .map("a second streamer deployed")
            .recover(refused -> Future.succeededFuture(refused.getMessage())))
        .compose(second -> {
          test.verify(() -> assertTrue(second.startsWith("camera 'yard' already streams on this node"), second));
          return Future.all(List.of(
              command(vertx, id, new JsonObject().put("action", "zoom")),
              command(vertx, id, new JsonObject()),
              command(vertx, id, new JsonObject().put("action", "ptz_move").put("direction", "sideways")),
              command(vertx, id, new JsonObject().put("action", "ptz_move").put("direction", "up").put("step", 5)),
              command(vertx, id, new JsonObject().put("action", "ptz_move").put("direction", "ZoomIn").put("step", 0.3))));
        })
        .compose(replies -> {
          test.verify(() -> {
            assertEquals("expected {action: stop|restart|status|ptz_move}, got 'zoom'", replies.<JsonObject>resultAt(0).getString("error"));
            assertEquals("expected {action: stop|restart|status|ptz_move}", replies.<JsonObject>resultAt(1).getString("error"));
            assertEquals("ptz_move needs direction: up, down, left, right, zoomin or zoomout",
                replies.<JsonObject>resultAt(2).getString("error"));
            assertEquals("ptz_move step must be a number from 0.1 to 1.0", replies.<JsonObject>resultAt(3).getString("error"));
            assertEquals(new JsonObject().put("status", "ok").put("data", new JsonObject().put("direction", "zoomin").put("step", 0.3)),
                replies.resultAt(4));
            assertEquals(List.of("zoomin 0.3"), moves);
            assertEquals(List.of(new CameraConfig.Onvif("127.0.0.1", 8899, "u", "pw0nvif")), built);
          });
          return untilStatus(vertx, id, "streaming");
        })
        .compose(streaming -> {
          long before = ffmpegsWritingTo(outputDir(id)).get(0).pid();
          return command(vertx, id, new JsonObject().put("action", "restart")).map(reply -> {
            test.verify(() -> {
              assertEquals("ok", reply.getString("status"), reply.encode());
              assertEquals(1, reply.getJsonObject("data").getInteger("restarts"));
            });
            return before;
          });
        })
        .compose(before -> until(vertx, "a new ffmpeg streaming", () -> {
          List<ProcessHandle> running = ffmpegsWritingTo(outputDir(id));
          return running.size() == 1 && running.get(0).pid() != before && playlist(outputDir(id)).contains("#EXTINF");
        }))
        .onComplete(test.succeedingThenComplete());
  }
}

package io.sensepulse.rig.recorder;

import static io.sensepulse.rig.recorder.RecorderFixture.NODE;
import static io.sensepulse.rig.recorder.RecorderFixture.ask;
import static io.sensepulse.rig.recorder.RecorderFixture.statusWhere;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.testing.ChildProcesses;
import io.sensepulse.common.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The recorder driven over the bus, recording ffmpeg's real test source to real files. */
@ExtendWith(VertxExtension.class)
class RecorderVerticleTest {
  @TempDir Path dir;
  private Process rtspServer;

  private static JsonObject request(String action) {
    return new JsonObject().put("action", action);
  }

  private static void setOffset(Vertx vertx, double offsetMs) {
    vertx.sharedData().getLocalMap(io.sensepulse.rig.sync.SyncVerticle.CLOCK_MAP).put(io.sensepulse.rig.sync.SyncVerticle.OFFSET_KEY, new JsonObject()
        .put("offset_ms", offsetMs).put("confidence_ms", 0.2).put("source", "bus").put("measured_at", System.currentTimeMillis()));
  }

  private static JsonObject readJson(Path file) throws Exception {
    return new JsonObject(Files.readString(file));
  }

  /** Every listed, hashed segment: the real SHA-256 equals the manifest's and ffprobe plays it. */
  private static void assertSegmentsIntact(Path recordings, JsonArray segments) throws Exception {
    for (Object entry : segments) {
      JsonObject segment = (JsonObject) entry;
      Path file = recordings.resolve(segment.getString("file"));
      assertEquals(Media.sha256(file), segment.getString("sha256"), segment.getString("file"));
      assertEquals(Files.size(file), segment.getLong("bytes"));
      JsonObject probe = Media.probe(file);
      assertEquals(0, probe.getInteger("exit"), segment.getString("file") + ": " + probe.getString("errors"));
      assertNotNull(Media.videoStream(probe), "a video stream in " + segment.getString("file"));
    }
  }

  @Test
  void aTimedStartRecordsSegmentsAndTheStopLeavesACompleteManifestWithTrueHashes(Vertx vertx, VertxTestContext test)
      throws Exception {
    JsonObject config = RecorderFixture.config(dir);
    Path recordings = RecorderFixture.recordings(config);
    setOffset(vertx, 0.3);
    double startAt = System.currentTimeMillis() + 400;
    RecorderFixture.deploy(vertx, config)
        .compose(id -> ask(vertx, NODE, request("start").put("session", "M1").put("start_at", startAt)))
        .compose(started -> {
          test.verify(() -> {
            assertEquals("ok", started.getString("status"), started.encode());
            JsonObject data = started.getJsonObject("data");
            assertEquals("armed", data.getString("state"), "the reply does not wait for the instant");
            assertEquals(startAt + 0.3, data.getDouble("start_local_ms"), 1e-6, "master + offset");
          });
          return ask(vertx, NODE, request("start").put("session", "M1b"));
        })
        .compose(second -> {
          test.verify(() -> {
            assertEquals(409, second.getInteger("code"));
            assertEquals("already recording session M1", second.getString("error"));
          });
          return statusWhere(vertx, status -> status.getInteger("segments") >= 2);
        })
        .compose(recording -> {
          test.verify(() -> {
            assertEquals(true, recording.getBoolean("recording"));
            assertEquals("recording", recording.getString("state"));
            assertEquals("M1", recording.getString("session"));
            assertEquals("h264", recording.getString("codec"));
            assertEquals("320x180", recording.getString("resolution"));
            assertEquals(0.3, recording.getDouble("clock_offset_ms"));
            assertEquals("bus", recording.getString("clock_source"));
            assertTrue(recording.getDouble("first_frame_local_ms") >= startAt + 0.3, "not launched before the instant");
            assertTrue(recording.getLong("free_bytes") > 0);
          });
          return ask(vertx, NODE, request("lockview"));
        })
        .compose(lockView -> {
          test.verify(() -> {
            JsonObject data = lockView.getJsonObject("data");
            assertEquals("skipped: no sound card", data.getString("tone"));
            byte[] jpeg = Files.readAllBytes(recordings.resolve(data.getString("snapshot")));
            assertEquals((byte) 0xFF, jpeg[0]);
            assertEquals((byte) 0xD8, jpeg[1]);
          });
          return ask(vertx, NODE, request("stop"));
        })
        .compose(stopped -> {
          test.verify(() -> {
            JsonObject data = stopped.getJsonObject("data");
            assertEquals(true, data.getBoolean("complete"), stopped.encode());
            assertEquals("idle", data.getString("state"));
            assertTrue(data.getInteger("segments") >= 2);
          });
          return vertx.executeBlocking(() -> {
            JsonObject manifest = readJson(recordings.resolve("M1_CAM_L.json"));
            test.verify(() -> {
              assertEquals(true, manifest.getBoolean("complete"));
              assertEquals(false, manifest.getBoolean("offloaded"));
              assertEquals("M1", manifest.getString("session"));
              assertEquals("CAM_L", manifest.getString("camera"));
              assertEquals("left", manifest.getString("position"));
              assertEquals("test", manifest.getString("software_version"));
              assertEquals(startAt, manifest.getDouble("start_master_ms"));
              assertEquals(0.3, manifest.getDouble("clock_offset_ms"));
              assertTrue(manifest.getDouble("first_fragment_local_ms") > manifest.getDouble("first_frame_local_ms"));
              assertEquals("h264", manifest.getString("codec"));
              assertEquals("libx264", manifest.getString("encoder"));
              assertEquals("320x180", manifest.getString("resolution"));
              assertEquals(15, manifest.getInteger("fps"));
              assertNotNull(manifest.getString("lock_view"));
              JsonArray segments = manifest.getJsonArray("segments");
              List<String> names = segments.stream().map(entry -> ((JsonObject) entry).getString("file")).toList();
              String base = names.get(0).substring(0, names.get(0).length() - "_000.mp4".length());
              assertTrue(base.matches("M1_CAM_L_[0-9]{8}_[0-9]{6}"), base);
              for (int i = 0; i < names.size(); i++) {
                assertEquals(base + String.format("_%03d.mp4", i), names.get(i));
              }
              double total = segments.stream().mapToDouble(entry -> ((JsonObject) entry).getDouble("duration")).sum();
              assertEquals(total, manifest.getDouble("duration"), 0.01);
              assertSegmentsIntact(recordings, segments);
            });
            return manifest;
          });
        })
        .compose(manifest -> ask(vertx, NODE, request("start").put("session", "M1")))
        .compose(again -> {
          test.verify(() -> assertEquals("session M1 is already recorded on CAM_L", again.getString("error")));
          return ask(vertx, NODE, request("recordings"));
        })
        .onComplete(test.succeeding(listed -> test.verify(() -> {
          JsonArray manifests = listed.getJsonObject("data").getJsonArray("recordings");
          assertEquals(1, manifests.size());
          assertEquals("M1", manifests.getJsonObject(0).getString("session"));
          test.completeNow();
        })));
  }

  @Test
  void theTestSourcesFirstFrameIsInTheInstantsSlotAndItsToneRunsWithTheVideo(Vertx vertx, VertxTestContext test)
      throws Exception {
    JsonObject config = RecorderFixture.config(dir).put("audio", "true");
    Path recordings = RecorderFixture.recordings(config);
    setOffset(vertx, 0);
    double startAt = System.currentTimeMillis() + 1_500;
    RecorderFixture.deploy(vertx, config)
        .compose(id -> ask(vertx, NODE, request("start").put("session", "T1").put("start_at", startAt)))
        .compose(started -> statusWhere(vertx, status -> status.getInteger("segments") >= 1))
        .compose(recording -> ask(vertx, NODE, request("stop")))
        .onComplete(test.succeeding(stopped -> vertx.executeBlocking(() -> {
          test.verify(() -> {
            JsonObject manifest = readJson(recordings.resolve("T1_CAM_L.json"));
            // started 1.5 s ahead, the pipeline was waiting: the first frame went in the instant's slot
            assertEquals(startAt, manifest.getDouble("first_frame_local_ms"), 1e-6, manifest.encode());
            double handover = manifest.getDouble("first_frame_handover_ms");
            assertTrue(handover >= 0 && handover < 1000.0 / 15, "handed over " + handover + " ms after its slot");
            JsonArray segments = manifest.getJsonArray("segments");
            assertSegmentsIntact(recordings, segments);
            double video = 0;
            double audio = 0;
            for (Object entry : segments) {
              JsonObject probe = Media.probe(recordings.resolve(((JsonObject) entry).getString("file")));
              video += Double.parseDouble(Media.videoStream(probe).getString("duration"));
              JsonObject tone = probe.getJsonArray("streams").stream().map(JsonObject.class::cast)
                  .filter(stream -> "audio".equals(stream.getString("codec_type"))).findFirst().orElseThrow();
              audio += Double.parseDouble(tone.getString("duration"));
              if (entry == segments.getValue(0)) {
                assertEquals(Double.parseDouble(Media.videoStream(probe).getString("start_time")),
                    Double.parseDouble(tone.getString("start_time")), 0.05, "the tone starts with the first frame");
              }
            }
            // not drawn ahead while the encoder waited for the instant, and ended with the video
            assertEquals(video, audio, 0.25, "seconds of tone against seconds of video");
          });
          test.completeNow();
          return null;
        })));
  }

  @Test
  void aKilledFfmpegLeavesAPartialManifestWhoseLastSegmentPlays(Vertx vertx, VertxTestContext test) throws Exception {
    JsonObject config = RecorderFixture.config(dir).put("codec", "h265");
    Path recordings = RecorderFixture.recordings(config);
    RecorderFixture.deploy(vertx, config)
        .compose(id -> ask(vertx, NODE, request("start").put("session", "K1")))
        .compose(started -> {
          test.verify(() -> assertEquals(List.of("clock not synchronised yet"),
              started.getJsonObject("data").getJsonArray("warnings").getList()));
          return statusWhere(vertx, status -> status.getInteger("segments") >= 1);
        })
        .compose(recording -> {
          test.verify(() -> {
            assertEquals("h265", recording.getString("codec"));
            assertEquals("libx265", recording.getString("encoder"));
            assertTrue(recording.getJsonArray("warnings").contains("clock not synchronised yet"));
          });
          // the test source is two ffmpegs: the pattern generator and the encoder writing the MP4, which dies here
          List<ProcessHandle> encoder = ProcessHandle.current().children()
              .filter(child -> child.info().command().orElse("").endsWith("ffmpeg"))
              .filter(child -> List.of(child.info().arguments().orElse(new String[0])).contains("-progress")).toList();
          test.verify(() -> assertEquals(1, encoder.size(), "one capture pipeline"));
          encoder.get(0).destroyForcibly();
          return statusWhere(vertx, status -> status.getString("state").equals("error"));
        })
        .compose(failed -> {
          test.verify(() -> {
            assertEquals(false, failed.getBoolean("recording"));
            String errors = failed.getJsonArray("errors").stream().map(Object::toString).collect(Collectors.joining());
            assertTrue(errors.contains("the capture pipeline ended unexpectedly (exit 137)"), errors);
          });
          return vertx.executeBlocking(() -> readJson(recordings.resolve("K1_CAM_L.json")));
        })
        .onComplete(test.succeeding(manifest -> vertx.executeBlocking(() -> {
          test.verify(() -> {
            assertEquals(false, manifest.getBoolean("complete"));
            assertTrue(manifest.getString("ended_reason").contains("exit 137"));
            assertEquals("h265", manifest.getString("codec"));
            JsonArray segments = manifest.getJsonArray("segments");
            assertTrue(segments.size() >= 2, "the closed segment and the one cut short: " + segments);
            assertSegmentsIntact(recordings, segments);
            JsonObject probe = Media.probe(recordings.resolve(segments.getJsonObject(segments.size() - 1).getString("file")));
            assertEquals("hevc", Media.videoStream(probe).getString("codec_name"));
          });
          test.completeNow();
          return null;
        })));
  }

  /**
   * An IP camera that asks for a password: GStreamer's RTSP server (the camera module's
   * rtsp_server.py, run by Debian's /usr/bin/python3). The password, quote and all, reaches the
   * camera, and never ffmpeg's command line, which any local user can read.
   */
  @Test
  void anIpCameraIsRecordedWithItsPasswordOffFfmpegsCommandLine(Vertx vertx, VertxTestContext test) throws Exception {
    String password = "pa'ss";
    int port = FreePorts.next();
    rtspServer = new ProcessBuilder("/usr/bin/python3", Path.of("..", "camera", "src", "test", "resources", "rtsp_server.py").toString(),
        String.valueOf(port), "/cam", "h264", "--auth", "admin:" + password).redirectErrorStream(true).start();
    assertTrue(ChildProcesses.awaitReady(rtspServer, "READY"::equals, "rtsp-server"), "GStreamer's RTSP server did not start");
    JsonObject config = RecorderFixture.config(dir).put("capture", "rtsp")
        .put("rtsp_url", "rtsp://admin:" + password + "@127.0.0.1:" + port + "/cam");
    Path recordings = RecorderFixture.recordings(config);
    RecorderFixture.deploy(vertx, config)
        .compose(id -> ask(vertx, NODE, request("start").put("session", "R1")))
        .compose(started -> statusWhere(vertx, status -> status.getInteger("segments") >= 1))
        .compose(recording -> {
          List<String> commandLines = ProcessHandle.current().children()
              .filter(child -> child.info().command().orElse("").endsWith("ffmpeg"))
              .map(child -> String.join(" ", child.info().arguments().orElse(new String[0]))).toList();
          test.verify(() -> {
            assertEquals(1, commandLines.size(), "one capture pipeline: " + commandLines);
            assertFalse(commandLines.get(0).contains(password), commandLines.get(0));
            assertEquals("copy", recording.getString("encoder"), "the camera's H.264, not re-encoded");
          });
          return ask(vertx, NODE, request("stop"));
        })
        .onComplete(test.succeeding(stopped -> vertx.executeBlocking(() -> {
          JsonObject manifest = readJson(recordings.resolve("R1_CAM_L.json"));
          test.verify(() -> {
            assertEquals(true, manifest.getBoolean("complete"), manifest.encodePrettily());
            assertFalse(manifest.encode().contains(password), "the manifest names the camera without its password");
            JsonArray segments = manifest.getJsonArray("segments");
            assertSegmentsIntact(recordings, segments);
            JsonObject probe = Media.probe(recordings.resolve(segments.getJsonObject(0).getString("file")));
            assertEquals("h264", Media.videoStream(probe).getString("codec_name"));
          });
          test.completeNow();
          return null;
        })));
  }

  @AfterEach
  void stopRtspServer() {
    if (rtspServer != null) {
      ChildProcesses.kill(rtspServer);
    }
  }

  @Test
  void aPipelineThatCannotOpenItsCameraEndsInErrorWithFfmpegsReason(Vertx vertx, VertxTestContext test) throws Exception {
    // a device node that is no camera: the start is accepted, ffmpeg then fails on it
    Path notACamera = Files.createFile(dir.resolve("video0"));
    JsonObject config = RecorderFixture.config(dir).put("capture", "v4l2").put("device", notACamera.toString());
    RecorderFixture.deploy(vertx, config)
        .compose(id -> ask(vertx, NODE, request("start").put("session", "E1")))
        .compose(started -> {
          test.verify(() -> assertEquals("ok", started.getString("status"), started.encode()));
          return statusWhere(vertx, status -> status.getString("state").equals("error"));
        })
        .onComplete(test.succeeding(failed -> test.verify(() -> {
          String errors = failed.getJsonArray("errors").encode();
          assertTrue(errors.contains("the capture pipeline ended unexpectedly (exit 1)"), errors);
          assertTrue(errors.contains("Inappropriate ioctl for device"), "ffmpeg's own words: " + errors);
          assertEquals(false, failed.getBoolean("recording"));
          test.completeNow();
        })));
  }

  @Test
  void aRefusedStartNamesEveryReason(Vertx vertx, VertxTestContext test) throws Exception {
    JsonObject config = RecorderFixture.config(dir);
    Path sys = Path.of(config.getString("sys_root"));
    Files.createDirectories(sys.resolve("class/thermal/thermal_zone0"));
    Files.writeString(sys.resolve("class/thermal/thermal_zone0/temp"), "86500\n");
    Files.createDirectories(sys.resolve("class/power_supply/ups"));
    Files.writeString(sys.resolve("class/power_supply/ups/capacity"), "7\n");
    // no disk holds a week at 1000 Mbps (75 TB): the real free space is too little
    config.put("capture", "v4l2").put("device", dir.resolve("video0").toString()).put("battery_path", "ups")
        .put("bitrate_mbps", 1000).put("min_free_minutes", 10_080);
    setOffset(vertx, 120);
    RecorderFixture.deploy(vertx, config)
        .compose(id -> ask(vertx, NODE, request("start").put("session", "G1")))
        .compose(refused -> {
          test.verify(() -> {
            assertEquals("error", refused.getString("status"));
            assertEquals(409, refused.getInteger("code"));
            List<String> reasons = refused.getJsonArray("refusals").stream()
                .map(entry -> ((JsonObject) entry).getString("reason")).toList();
            assertEquals(List.of("camera_missing", "storage_low", "temperature_high", "battery_critical", "clock_offset"), reasons);
            assertTrue(refused.getString("error").startsWith("start refused: camera missing: no device node "),
                refused.getString("error"));
          });
          return statusWhere(vertx, status -> status.getDouble("temperature") != null);
        })
        .onComplete(test.succeeding(status -> test.verify(() -> {
          assertEquals("idle", status.getString("state"));
          assertEquals(86.5, status.getDouble("temperature"));
          assertEquals(7.0, status.getDouble("battery"));
          assertTrue(status.getLong("minutes_left") < 10_080, "a week does not fit");
          assertTrue(status.getJsonArray("warnings").contains("battery low: 7 %"));
          test.completeNow();
        })));
  }

  @Test
  void aKnownOffsetAboveTheLimitIsRefusedAndStatedUntilTheLimitIsRaised(Vertx vertx, VertxTestContext test) throws Exception {
    JsonObject config = RecorderFixture.config(dir);
    Path recordings = RecorderFixture.recordings(config);
    setOffset(vertx, 120);
    double[] startAt = {0};
    RecorderFixture.deploy(vertx, config)
        .compose(id -> ask(vertx, NODE, request("status")))
        .compose(status -> {
          test.verify(() -> {
            JsonArray refusals = status.getJsonObject("data").getJsonArray("refusals");
            assertEquals(1, refusals.size(), refusals.encode());
            assertEquals("clock_offset", refusals.getJsonObject(0).getString("reason"));
            assertEquals("clock offset 120.0 ms to CAM_C is above 50.0 ms", refusals.getJsonObject(0).getString("message"));
            assertEquals(0.2, status.getJsonObject("data").getDouble("clock_confidence_ms"));
          });
          return ask(vertx, NODE, request("start").put("session", "O1"));
        })
        .compose(refused -> {
          test.verify(() -> assertEquals("clock_offset", refused.getJsonArray("refusals").getJsonObject(0).getString("reason")));
          return ask(vertx, NODE, request("config").put("config", new JsonObject().put("max_offset_ms", 500)));
        })
        .compose(raised -> ask(vertx, NODE, request("status")))
        .compose(status -> {
          test.verify(() -> assertEquals(List.of(), status.getJsonObject("data").getJsonArray("refusals").getList()));
          startAt[0] = System.currentTimeMillis() + 300;
          return ask(vertx, NODE, request("start").put("session", "O1").put("start_at", startAt[0]));
        })
        .compose(started -> {
          test.verify(() -> assertEquals(startAt[0] + 120, started.getJsonObject("data").getDouble("start_local_ms"), 1e-6,
              started.encode()));
          return statusWhere(vertx, status -> status.getInteger("segments") >= 1);
        })
        .compose(recording -> ask(vertx, NODE, request("stop").put("stop_at", System.currentTimeMillis())))
        // idle is published only once the final manifest is on disk
        .compose(stopping -> statusWhere(vertx, status -> status.getString("state").equals("idle")))
        .onComplete(test.succeeding(idle -> vertx.executeBlocking(() -> {
          JsonObject manifest = readJson(recordings.resolve("O1_CAM_L.json"));
          test.verify(() -> {
            assertEquals(true, manifest.getBoolean("complete"), manifest.encodePrettily());
            assertEquals("stopped", manifest.getString("ended_reason"));
            assertEquals(120.0, manifest.getDouble("clock_offset_ms"));
            assertSegmentsIntact(recordings, manifest.getJsonArray("segments"));
          });
          test.completeNow();
          return null;
        })));
  }

  @Test
  void theStartBeepIsAnsweredAtOnceAndItsOutcomeShownInTheStatus(Vertx vertx, VertxTestContext test) throws Exception {
    JsonObject config = RecorderFixture.config(dir);
    RecorderFixture.deploy(vertx, config)
        .compose(id -> Future.all(ask(vertx, NODE, request("beep").put("at", "now")),
            ask(vertx, NODE, request("beep").put("at", System.currentTimeMillis() + 50))))
        .compose(replies -> {
          test.verify(() -> {
            JsonObject bad = replies.resultAt(0);
            assertEquals(400, bad.getInteger("code"));
            assertEquals("at must be epoch milliseconds on CAM_C's clock", bad.getString("error"));
            assertEquals("ok", ((JsonObject) replies.resultAt(1)).getString("status"));
          });
          return statusWhere(vertx, status -> status.getValue("tone") != null);
        })
        .onComplete(test.succeeding(status -> test.verify(() -> {
          // the fixture's /proc has no sound card
          assertEquals("skipped: no sound card", status.getString("tone"));
          test.completeNow();
        })));
  }

  @Test
  void missingOrReadOnlyStorageIsRefused(Vertx vertx, VertxTestContext test) throws Exception {
    JsonObject missing = RecorderFixture.config(dir).put("data_dir", dir.resolve("unmounted").toString());
    Path readOnlyData = Files.createDirectories(dir.resolve("readonly"));
    Files.createDirectories(readOnlyData.resolve("recordings")).toFile().setWritable(false, false);
    boolean permissionsBind = !Files.isWritable(readOnlyData.resolve("recordings"));
    // root ignores permission bits: /sys takes no new files from anyone
    JsonObject readOnly = RecorderFixture.config(dir).put("node_id", "CAM_R")
        .put("data_dir", permissionsBind ? readOnlyData.toString() : "/sys");
    Future.all(RecorderFixture.deploy(vertx, missing), RecorderFixture.deploy(vertx, readOnly))
        .compose(deployed -> Future.all(ask(vertx, NODE, request("start").put("session", "S1")),
            ask(vertx, "CAM_R", request("start").put("session", "S1"))))
        .onComplete(test.succeeding(replies -> test.verify(() -> {
          JsonObject first = replies.resultAt(0);
          JsonObject second = replies.resultAt(1);
          assertEquals("storage_missing", first.getJsonArray("refusals").getJsonObject(0).getString("reason"));
          assertEquals("start refused: storage missing: " + dir.resolve("unmounted") + " does not exist (is the disk mounted?)",
              first.getString("error"));
          assertEquals("storage_not_writable", second.getJsonArray("refusals").getJsonObject(0).getString("reason"));
          readOnlyData.resolve("recordings").toFile().setWritable(true, false);
          test.completeNow();
        })));
  }

  @Test
  void badRequestsAreRefusedWithAReason(Vertx vertx, VertxTestContext test) throws Exception {
    JsonObject config = RecorderFixture.config(dir);
    RecorderFixture.deploy(vertx, config)
        .compose(id -> Future.all(List.of(
            ask(vertx, NODE, request("start").put("session", "no spaces")),
            ask(vertx, NODE, request("start").put("session", "S").put("start_at", "soon")),
            ask(vertx, NODE, request("start").put("session", "S").put("start_at", System.currentTimeMillis() - 5_000)),
            ask(vertx, NODE, request("stop")),
            ask(vertx, NODE, request("dance")),
            ask(vertx, NODE, new JsonObject().put("session", "S")),
            ask(vertx, NODE, request("lockview")))))
        .onComplete(test.succeeding(replies -> test.verify(() -> {
          List<JsonObject> answers = replies.list();
          assertEquals("session must be 1-40 of A-Z, a-z, 0-9, _ and -, starting with a letter or digit", answers.get(0).getString("error"));
          assertEquals(400, answers.get(0).getInteger("code"));
          assertEquals("start_at must be epoch milliseconds on CAM_C's clock", answers.get(1).getString("error"));
          assertEquals(409, answers.get(2).getInteger("code"));
          assertTrue(answers.get(2).getString("error").matches("start_at is [0-9]+ ms in the past on this node's clock"),
              answers.get(2).getString("error"));
          assertEquals("not recording", answers.get(3).getString("error"));
          assertTrue(answers.get(4).getString("error").startsWith("unknown action 'dance'"));
          assertEquals(400, answers.get(5).getInteger("code"));
          assertEquals("not recording", answers.get(6).getString("error"));
          assertNull(answers.get(0).getValue("data"));
          test.completeNow();
        })));
  }
}

package io.sensepulse.rig.recorder;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.rig.RigClock;
import io.sensepulse.rig.capture.CaptureCommands;
import io.sensepulse.rig.capture.CaptureKind;
import io.sensepulse.rig.capture.CodecChoice;
import io.sensepulse.rig.capture.CommandRunner;
import io.sensepulse.rig.capture.EncoderList;
import io.sensepulse.rig.capture.Progress;
import io.sensepulse.rig.capture.V4l2Formats;
import io.sensepulse.rig.capture.VideoCodec;
import io.sensepulse.rig.guard.GuardFacts;
import io.sensepulse.rig.guard.GuardLimits;
import io.sensepulse.rig.guard.GuardRails;
import io.sensepulse.rig.guard.NodeProbe;
import io.sensepulse.rig.sync.SyncVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The recorder node's owner of recordings (catalogue {@code rig.recorder}). Answers
 * {@code pulse.rig.<node>} with {@code {action: status|start|stop|selftest|lockview|recordings|config}}
 * ({@code {status: ok, data}} or {@code {status: error, error, code}}), starts the capture pipeline
 * at the instant the coordinator names on CAM_C's clock, keeps the manifest on disk as segments
 * are written, and publishes its status on {@code status.rig} every two seconds.
 */
public class RecorderVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RecorderVerticle.class.getName());

  /** Config: shifts this node's clock (tests and benchmarks playing a node whose clock is wrong). */
  public static final String CLOCK_SKEW_MS = "clock_skew_ms";
  public static final String RECORDINGS = "recordings";
  static final long STATUS_INTERVAL_MILLIS = 2_000;
  /** A start instant this far in the past is refused: the other nodes started long ago. */
  static final long MAX_LATE_START_MILLIS = 1_000;
  static final long MAX_START_AHEAD_MILLIS = 3_600_000;
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  public enum State {
    IDLE, ARMED, RECORDING, STOPPING, ERROR;

    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private PulseSettings node;
  private RigClock clock;
  private Path recordingsDir;
  private Path configFile;
  private NodeProbe probe;
  private WorkerExecutor executor;
  private RecorderConfigFile.Stored stored;
  private RecorderSettings settings;

  private State state = State.IDLE;
  private Manifest manifest;
  private Recording recording;
  private boolean fallbackTried;
  private Progress lastProgress;
  private final List<String> pipelineMessages = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private Promise<JsonObject> stopped;
  /** The last recording's final manifest write (complete once it is on disk). */
  private Future<Void> finalManifest = Future.succeededFuture();
  private boolean selfTestRunning;
  private String lastSnapshot;
  private String tone;
  private Set<String> encoders;
  private long freeBytes = -1;
  private Double temperature;
  private Double battery;

  @Override
  public Future<?> start() {
    node = PulseSettings.from(config());
    clock = RigClock.system(skewMillis(config().getValue(CLOCK_SKEW_MS)));
    recordingsDir = node.dataDir().resolve(RECORDINGS);
    configFile = node.dataDir().resolve(RecorderConfigFile.NAME);
    probe = new NodeProbe(node.sysRoot(), node.dataDir(), recordingsDir);
    // Two long reads per recording (video, progress) plus a self-test's: never the event loop.
    executor = vertx.createSharedWorkerExecutor("pulse-recorder", 4, 7, TimeUnit.DAYS);
    return vertx.executeBlocking(() -> RecorderConfigFile.read(configFile))
        .map(file -> {
          stored = file;
          settings = RecorderSettings.from(config().copy().mergeIn(file.settings()), node.nodeId());
          return file;
        })
        .compose(ready -> vertx.eventBus().consumer(Addresses.rigNode(node.nodeId()), this::handle).completion())
        .onSuccess(ready -> {
          vertx.setPeriodic(STATUS_INTERVAL_MILLIS, id -> refreshAndPublish());
          refreshAndPublish();
          // the first start of a match must be as quick to prepare as the later ones
          vertx.executeBlocking(() -> {
            warmProcessLaunch();
            return null;
          }, false);
        });
  }

  @Override
  public Future<?> stop() {
    if (recording != null && (state == State.RECORDING || state == State.ARMED)) {
      recording.stop();
      return recording.ended().compose(ending -> finalManifest).transform(done -> executor.close());
    }
    return executor.close();
  }

  private void handle(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body) || !(body.getValue("action") instanceof String action)) {
      fail(message, 400, "body must be {action: status|start|stop|selftest|lockview|beep|recordings|config, ...}");
      return;
    }
    try {
      switch (action) {
        case "status" -> ok(message, status());
        case "start" -> start(message, body);
        case "stop" -> stop(message, body);
        case "selftest" -> selfTest(message);
        case "lockview" -> lockView(message);
        case "beep" -> beep(message, body);
        case "recordings" -> recordings(message);
        case "config" -> config(message, body);
        default -> fail(message, 400, "unknown action '" + action
            + "'; known: status, start, stop, selftest, lockview, beep, recordings, config");
      }
    } catch (IllegalArgumentException e) {
      fail(message, 400, e.getMessage());
    }
  }

  // ---- start ----

  private void start(Message<Object> message, JsonObject body) {
    String session = RecordingNames.requireSession(body.getValue("session"));
    Object rawStartAt = body.getValue("start_at");
    if (rawStartAt != null && !(rawStartAt instanceof Number)) {
      throw new IllegalArgumentException("start_at must be epoch milliseconds on CAM_C's clock");
    }
    Double startAt = rawStartAt == null ? null : ((Number) rawStartAt).doubleValue();
    if (busy() != null) {
      fail(message, 409, busy());
      return;
    }
    RecorderSettings chosen = settings;
    JsonObject offset = clockOffset();
    Double offsetMs = offset == null ? null : offset.getDouble("offset_ms");
    Path manifestFile = recordingsDir.resolve(RecordingNames.manifest(session, node.nodeId()));
    vertx.executeBlocking(() -> {
      GuardFacts facts = probe.startFacts(chosen, offsetMs);
      boolean recorded = Files.exists(manifestFile);
      if (chosen.capture() != CaptureKind.TEST) {
        // a camera pipeline is launched at the instant; the test source's starts a second early
        warmProcessLaunch();
      }
      return new Object[] {facts, recorded, facts.cameraProblem() == null ? chooseCodec(chosen) : null};
    }, false).onComplete(probed -> {
      GuardFacts facts = (GuardFacts) probed[0];
      GuardRails.Verdict verdict = GuardRails.evaluate(facts, limits(chosen));
      if (!verdict.allowed()) {
        JsonArray refusals = new JsonArray();
        verdict.refusals().forEach(refusal -> refusals.add(refusalJson(refusal)));
        fail(message, 409, "start refused: " + String.join("; ",
            verdict.refusals().stream().map(GuardRails.Refusal::message).toList()),
            new JsonObject().put("refusals", refusals).put("warnings", new JsonArray(verdict.warnings())));
        return;
      }
      if ((Boolean) probed[1]) {
        fail(message, 409, "session " + session + " is already recorded on " + node.nodeId());
        return;
      }
      if (busy() != null) {
        fail(message, 409, busy());
        return;
      }
      double now = clock.nowMillis();
      double localStart = startAt == null ? now : RigClock.masterToLocal(startAt, offsetMs == null ? 0 : offsetMs);
      if (now - localStart > MAX_LATE_START_MILLIS) {
        fail(message, 409, String.format(Locale.ROOT, "start_at is %.0f ms in the past on this node's clock", now - localStart));
        return;
      }
      if (localStart - now > MAX_START_AHEAD_MILLIS) {
        fail(message, 400, "start_at is more than an hour ahead");
        return;
      }
      CodecChoice codec = (CodecChoice) probed[2];
      manifest = new Manifest(session, node.nodeId(), chosen.position(), config().getString("version", "dev"), chosen,
          startAt, localStart, offsetMs, offset == null ? null : offset.getDouble("confidence_ms"),
          offset == null ? null : offset.getString("source"));
      errors.clear();
      pipelineMessages.clear();
      lastProgress = null;
      lastSnapshot = null;
      tone = null;
      fallbackTried = false;
      state = State.ARMED;
      launch(codec, localStart);
      ok(message, new JsonObject().put("session", session).put("state", state.json()).put("start_at", startAt)
          .put("start_local_ms", localStart).put("codec", codec.codec().configName())
          .put("warnings", new JsonArray(verdict.warnings())));
      publishStatus();
    }, error -> fail(message, 500, "cannot check this node before starting: " + error.getMessage()));
  }

  /**
   * Blocking: runs ffmpeg once, at deploy and ahead of a camera pipeline's instant, so a launch that
   * counts is not this JVM's first (class loading and a cold spawn helper made a first launch tens
   * of ms late). A failure shows at the launch itself, with the pipeline's own error.
   */
  private static void warmProcessLaunch() {
    try {
      CommandRunner.run(CaptureCommands.ffmpegVersion(), PROBE_TIMEOUT);
    } catch (IOException e) {
      LOG.fine(() -> "ffmpeg -version: " + e.getMessage());
    }
  }

  /** Blocking: the encoders (once) and, for a UVC camera, its formats decide H.265 or H.264. */
  private CodecChoice chooseCodec(RecorderSettings chosen) throws IOException {
    Set<String> cameraFormats = Set.of();
    if (chosen.capture() == CaptureKind.TEST && chosen.codec() == VideoCodec.H265 && encoders == null) {
      encoders = EncoderList.parse(CommandRunner.run(CaptureCommands.ffmpegEncoders(), PROBE_TIMEOUT).output());
    }
    if (chosen.capture() == CaptureKind.V4L2 && chosen.codec() == VideoCodec.H265) {
      cameraFormats = V4l2Formats.parse(CommandRunner.run(CaptureCommands.v4l2ListFormats(chosen.device()), PROBE_TIMEOUT).output());
    }
    return CodecChoice.choose(chosen.codec(), chosen.capture(), encoders == null ? Set.of() : encoders, cameraFormats);
  }

  private void launch(CodecChoice codec, double localStart) {
    Manifest current = manifest;
    CaptureCommands.Pipeline pipeline = CaptureCommands.build(current.settings.captureSpec(node.nodeId()), codec.codec());
    current.codec = codec.codec().configName();
    current.codecNote = codec.note();
    current.encoder = pipeline.encoder();
    LOG.info("recording " + current.session + " at " + (long) localStart + " with " + pipeline.describe());
    String base = RecordingNames.segmentBase(current.session, node.nodeId(), Math.max(localStart, clock.nowMillis()));
    recording = new Recording(vertx, context, executor, pipeline, recordingsDir,
        index -> RecordingNames.segment(base, index), current.settings.segmentSeconds(), clock,
        new SessionListener(current, codec));
    recording.launchAt(localStart);
  }

  /** The events of one recording, applied to its manifest and the node's state. */
  private final class SessionListener implements Recording.Listener {
    private final Manifest current;
    private final CodecChoice codec;

    SessionListener(Manifest current, CodecChoice codec) {
      this.current = current;
      this.codec = codec;
    }

    @Override public void started(double launchedLocalMillis, double firstFrameLocalMillis, double handoverMillis) {
      if (Double.isNaN(current.launchedLocalMillis)) {
        current.launchedLocalMillis = launchedLocalMillis;
        current.firstFrameLocalMillis = firstFrameLocalMillis;
        current.firstFrameHandoverMillis = handoverMillis;
      }
      if (state == State.ARMED) {
        state = State.RECORDING;
      }
      writeManifest(current);
      publishStatus();
    }

    @Override public void initialised(Mp4Inspector.VideoTrack video) {
      current.video = video;
    }

    @Override public void firstFragment(double localMillis, double videoSeconds) {
      if (Double.isNaN(current.firstFrameLocalMillis)) {
        current.firstFrameLocalMillis = localMillis - videoSeconds * 1000;
      }
      if (Double.isNaN(current.firstFragmentLocalMillis)) {
        current.firstFragmentLocalMillis = localMillis;
      }
    }

    @Override public Future<Void> segmentOpening(int index, String file, double startSeconds) {
      current.openSegment = new JsonObject().put("file", file).put("start", startSeconds).put("in_progress", true);
      return writeManifest(current);
    }

    @Override public void segmentClosed(SegmentWriter.Segment segment) {
      current.openSegment = null;
      current.segments.add(segment);
      writeManifest(current);
    }

    @Override public void progress(Progress progress) {
      lastProgress = progress;
      current.droppedFrames = progress.droppedFrames();
      if (progress.bitrateKbps() >= 0) {
        current.measuredKbps = progress.bitrateKbps();
      }
    }

    @Override public void logLine(String line) {
      pipelineMessages.add(line);
      if (pipelineMessages.size() > 3) {
        pipelineMessages.remove(0);
      }
    }

    @Override public void ended(Recording.Ending ending) {
      if (current != manifest) {
        return;
      }
      if (!ending.sawInit() && !ending.stopRequested() && codec.codec() == VideoCodec.H265 && !fallbackTried) {
        fallbackTried = true;
        String reason = ending.error() == null ? "no video" : ending.error();
        LOG.warning("H.265 did not start (" + reason + "); trying H.264");
        launch(CodecChoice.afterH265Failed(reason), clock.nowMillis());
        return;
      }
      current.openSegment = null;
      current.complete = ending.stopRequested() && ending.error() == null && !current.segments.isEmpty();
      current.endedReason = ending.error() != null ? ending.error() : ending.stopRequested() ? "stopped" : "ended";
      if (ending.error() != null) {
        errors.add(ending.error());
      }
      state = State.STOPPING;
      Future<Void> written = Double.isNaN(current.launchedLocalMillis) ? Future.succeededFuture() : writeManifest(current);
      finalManifest = written;
      // Idle only once the final manifest is on disk: whoever sees idle (the rig page, a stop
      // with stop_at) may take the files or the power away.
      written.onComplete(done -> {
        state = ending.error() != null ? State.ERROR : State.IDLE;
        recording = null;
        if (stopped != null) {
          Promise<JsonObject> waiting = stopped;
          stopped = null;
          waiting.complete(summary(current));
        }
        publishStatus();
      });
    }
  }

  // ---- stop ----

  private void stop(Message<Object> message, JsonObject body) {
    Object rawStopAt = body.getValue("stop_at");
    if (rawStopAt != null && !(rawStopAt instanceof Number)) {
      throw new IllegalArgumentException("stop_at must be epoch milliseconds on CAM_C's clock");
    }
    if (recording == null || (state != State.ARMED && state != State.RECORDING)) {
      fail(message, 409, state == State.STOPPING ? "already stopping" : "not recording");
      return;
    }
    Recording current = recording;
    Manifest currentManifest = manifest;
    if (rawStopAt != null) {
      JsonObject offset = clockOffset();
      double offsetMs = offset == null || offset.getDouble("offset_ms") == null ? 0 : offset.getDouble("offset_ms");
      double localStop = RigClock.masterToLocal(((Number) rawStopAt).doubleValue(), offsetMs);
      long delay = Math.max(1, (long) (localStop - clock.nowMillis()));
      vertx.setTimer(delay, id -> {
        if (recording == current) {
          state = State.STOPPING;
          current.stop();
          publishStatus();
        }
      });
      ok(message, new JsonObject().put("session", currentManifest.session).put("state", state.json())
          .put("stop_local_ms", localStop));
      return;
    }
    state = State.STOPPING;
    Promise<JsonObject> done = Promise.promise();
    stopped = done;
    current.stop();
    publishStatus();
    done.future().onComplete(summary -> ok(message, summary), error -> fail(message, 500, error.getMessage()));
  }

  private JsonObject summary(Manifest finished) {
    return new JsonObject().put("session", finished.session).put("state", state.json())
        .put("manifest", RecordingNames.manifest(finished.session, finished.camera))
        .put("segments", finished.segments.size()).put("duration", finished.toJson().getDouble("duration"))
        .put("complete", finished.complete).put("ended_reason", finished.endedReason);
  }

  private Future<Void> writeManifest(Manifest current) {
    byte[] json = current.toJson().encodePrettily().getBytes(StandardCharsets.UTF_8);
    Path file = recordingsDir.resolve(RecordingNames.manifest(current.session, current.camera));
    // ordered: a later manifest never lands before an earlier one
    return vertx.<Void>executeBlocking(() -> {
      AtomicFiles.write(file, json);
      return null;
    }, true).onFailure(error -> errors.add("cannot write the manifest: " + error.getMessage()));
  }

  // ---- self-test, lock view, recordings, config ----

  private void selfTest(Message<Object> message) {
    if (busy() != null) {
      fail(message, 409, busy());
      return;
    }
    selfTestRunning = true;
    RecorderSettings chosen = settings;
    Path scratch = node.dataDir().resolve("selftest-" + (long) clock.nowMillis());
    vertx.executeBlocking(() -> {
      Files.createDirectories(scratch);
      return chooseCodec(chosen);
    }, false).compose(codec -> SelfTest.run(vertx, executor,
            CaptureCommands.build(chosen.captureSpec(node.nodeId()), codec.codec()), codec.codec().configName(),
            scratch, chosen, clock))
        .onComplete(result -> {
          selfTestRunning = false;
          ok(message, result);
        }, error -> {
          selfTestRunning = false;
          ok(message, new JsonObject().put("result", "fail").put("encoder", null)
              .put("errors", new JsonArray().add(String.valueOf(error.getMessage()))));
        });
  }

  private void lockView(Message<Object> message) {
    byte[] clip = state == State.RECORDING && recording != null ? recording.latestKeyframeClip() : null;
    if (clip == null) {
      fail(message, 409, state == State.RECORDING ? "no keyframe recorded yet" : "not recording");
      return;
    }
    Manifest current = manifest;
    String name = RecordingNames.lockView(current.session, current.camera, clock.nowMillis());
    vertx.executeBlocking(() -> {
      LockView.snapshot(clip, recordingsDir.resolve(name));
      return LockView.tone(node.procRoot());
    }, false).onComplete(played -> {
      lastSnapshot = name;
      tone = played;
      current.lockView = name;
      writeManifest(current);
      ok(message, new JsonObject().put("snapshot", name).put("tone", played));
    }, error -> fail(message, 500, "lock view failed: " + error.getMessage()));
  }

  /**
   * The rig's start tone (the coordinator asks CAM_C once every node confirmed a start): played at
   * {@code at} on CAM_C's clock, or at once; answers straight away, the outcome lands in {@code tone}.
   */
  private void beep(Message<Object> message, JsonObject body) {
    Object rawAt = body.getValue("at");
    if (rawAt != null && !(rawAt instanceof Number)) {
      throw new IllegalArgumentException("at must be epoch milliseconds on CAM_C's clock");
    }
    JsonObject offset = clockOffset();
    double now = clock.nowMillis();
    double local = rawAt == null ? now
        : RigClock.masterToLocal(((Number) rawAt).doubleValue(), offset == null ? 0 : offset.getDouble("offset_ms"));
    if (local - now > MAX_START_AHEAD_MILLIS) {
      throw new IllegalArgumentException("at is more than an hour ahead");
    }
    vertx.setTimer(Math.max(1, (long) (local - now)), id -> vertx.executeBlocking(() -> LockView.tone(node.procRoot()), false)
        .onSuccess(played -> {
          tone = played;
          publishStatus();
        }));
    ok(message, new JsonObject().put("beep_local_ms", Math.max(local, now)));
  }

  private void recordings(Message<Object> message) {
    vertx.executeBlocking(() -> {
      JsonArray manifests = new JsonArray();
      if (!Files.isDirectory(recordingsDir)) {
        return manifests;
      }
      try (Stream<Path> files = Files.list(recordingsDir)) {
        for (Path file : files.filter(path -> path.getFileName().toString().matches("[^.].*\\.json")).sorted().toList()) {
          try {
            manifests.add(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
          } catch (IOException | RuntimeException e) {
            manifests.add(new JsonObject().put("file", file.getFileName().toString()).put("error", "unreadable: " + e.getMessage()));
          }
        }
      }
      return manifests;
    }, false).onComplete(list -> ok(message, new JsonObject().put("recordings", list)),
        error -> fail(message, 500, "cannot list recordings: " + error.getMessage()));
  }

  private void config(Message<Object> message, JsonObject body) {
    Object update = body.getValue("config");
    if (update == null) {
      ok(message, configView());
      return;
    }
    if (!(update instanceof JsonObject changes)) {
      throw new IllegalArgumentException("config must be a JSON object of settings");
    }
    Object expected = body.getValue("version");
    if (expected != null && !(expected instanceof Number)) {
      throw new IllegalArgumentException("version must be a number");
    }
    if (expected != null && ((Number) expected).intValue() != stored.version()) {
      fail(message, 409, "config changed meanwhile: version is " + stored.version() + ", not " + expected);
      return;
    }
    JsonObject incoming = changes.copy();
    // a URL read back with its credentials hidden means "keep the stored one"
    String storedUrl = settings.rtspUrl();
    if (incoming.getValue(RecorderSettings.RTSP_URL) instanceof String url && !storedUrl.isEmpty()
        && url.equals(io.sensepulse.common.Secrets.redactUrl(storedUrl))) {
      incoming.put(RecorderSettings.RTSP_URL, storedUrl);
    }
    RecorderSettings next;
    try {
      next = RecorderSettings.validateUpdate(config().copy().mergeIn(stored.settings()), incoming, node.nodeId());
    } catch (RecorderSettings.InvalidSettings invalid) {
      fail(message, 400, "invalid config", new JsonObject().put("fields", invalid.fieldsJson()));
      return;
    }
    RecorderConfigFile.Stored written = new RecorderConfigFile.Stored(stored.version() + 1,
        stored.settings().copy().mergeIn(incoming));
    vertx.executeBlocking(() -> {
      RecorderConfigFile.write(configFile, written);
      return null;
    }).onComplete(done -> {
      stored = written;
      settings = next;
      ok(message, configView().put("applies", "from the next start"));
    }, error -> fail(message, 500, "cannot write " + configFile + ": " + error.getMessage()));
  }

  private JsonObject configView() {
    JsonObject overrides = stored.settings().copy();
    if (overrides.getValue(RecorderSettings.RTSP_URL) instanceof String url) {
      overrides.put(RecorderSettings.RTSP_URL, io.sensepulse.common.Secrets.redactUrl(url));
    }
    return new JsonObject().put("version", stored.version()).put("settings", settings.toPublicJson())
        .put("overrides", overrides);
  }

  // ---- status ----

  /** Why a start or self-test cannot begin now, or null. */
  private String busy() {
    if (selfTestRunning) {
      return "a self-test is running";
    }
    return switch (state) {
      case ARMED, RECORDING -> "already recording session " + manifest.session;
      case STOPPING -> "still stopping session " + manifest.session;
      case IDLE, ERROR -> null;
    };
  }

  private JsonObject clockOffset() {
    Object value = vertx.sharedData().getLocalMap(SyncVerticle.CLOCK_MAP).get(SyncVerticle.OFFSET_KEY);
    return value instanceof JsonObject json && json.getValue("offset_ms") instanceof Number ? json : null;
  }

  private static JsonObject refusalJson(GuardRails.Refusal refusal) {
    return new JsonObject().put("reason", refusal.reason().code()).put("message", refusal.message());
  }

  private static GuardLimits limits(RecorderSettings chosen) {
    return new GuardLimits(chosen.bytesPerMinute(), chosen.minFreeMinutes(), chosen.maxTemperatureC(),
        chosen.batteryWarn(), chosen.batteryBlock(), chosen.maxOffsetMs());
  }

  private void refreshAndPublish() {
    RecorderSettings chosen = settings;
    vertx.executeBlocking(() -> new Object[] {probe.freeBytes(), probe.temperatureC(), probe.batteryPercent(chosen)}, false)
        .onSuccess(facts -> {
          freeBytes = (Long) facts[0];
          temperature = (Double) facts[1];
          battery = (Double) facts[2];
          publishStatus();
        });
  }

  private void publishStatus() {
    vertx.eventBus().publish(Addresses.RIG_STATUS, status());
  }

  /** The status document the dashboard and the coordinator read (docs/CONTRACT.md). */
  JsonObject status() {
    RecorderSettings shown = manifest != null && state != State.IDLE && state != State.ERROR ? manifest.settings : settings;
    boolean recordingNow = state == State.RECORDING || state == State.STOPPING;
    JsonObject offset = clockOffset();
    Double offsetMs = offset == null ? null : offset.getDouble("offset_ms");
    // What a start would be refused for on what this node last read; the camera and a test write
    // are checked by the start itself (too slow to repeat every two seconds).
    GuardRails.Verdict verdict = GuardRails.evaluate(
        new GuardFacts(null, null, false, freeBytes, temperature, battery, offsetMs), limits(shown));
    JsonArray refusals = new JsonArray();
    verdict.refusals().forEach(refusal -> refusals.add(refusalJson(refusal)));
    JsonArray warnings = new JsonArray();
    if (offset == null) {
      warnings.add(GuardRails.CLOCK_NOT_SYNCHRONISED);
    }
    if (battery != null && battery <= shown.batteryWarn()) {
      warnings.add(String.format(Locale.ROOT, "battery low: %.0f %%", battery));
    }
    if (!shown.bitrateNote().isEmpty()) {
      warnings.add(shown.bitrateNote());
    }
    if (manifest != null && manifest.codecNote != null && !manifest.codecNote.isEmpty() && state != State.IDLE) {
      warnings.add(manifest.codecNote);
    }
    if (LockView.TONE_SKIPPED.equals(tone)) {
      warnings.add("lock view tone " + tone);
    }
    JsonArray currentErrors = new JsonArray(new ArrayList<>(errors));
    if (recordingNow) {
      pipelineMessages.forEach(currentErrors::add);
    }
    double bitrate = recordingNow && lastProgress != null && lastProgress.bitrateKbps() >= 0
        ? Math.round(lastProgress.bitrateKbps()) / 1000.0 : shown.bitrateMbps();
    Manifest current = manifest;
    boolean active = current != null && state != State.IDLE && state != State.ERROR;
    return new JsonObject()
        .put("node", node.nodeId())
        .put("recording", recordingNow)
        .put("state", state.json())
        .put("session", active ? current.session : null)
        .put("resolution", active ? current.resolution() : shown.resolution())
        .put("fps", recordingNow && lastProgress != null ? lastProgress.fps() : shown.fps())
        .put("codec", active ? (current.video != null ? current.video.codecName() : current.codec) : shown.codec().configName())
        .put("encoder", active ? current.encoder : null)
        .put("bitrate", bitrate)
        .put("dropped_frames", active ? current.droppedFrames : 0)
        .put("segments", active ? current.segments.size() : 0)
        .put("duration", active ? current.durationSeconds() : 0)
        .put("start_local_ms", active ? current.startLocalMillis : null)
        .put("first_frame_local_ms", active && !Double.isNaN(current.firstFrameLocalMillis) ? current.firstFrameLocalMillis : null)
        .put("free_bytes", freeBytes < 0 ? null : freeBytes)
        .put("minutes_left", freeBytes < 0 ? null : (long) (freeBytes / shown.bytesPerMinute()))
        .put("battery", battery)
        .put("temperature", temperature)
        .put("clock_offset_ms", offsetMs)
        .put("clock_confidence_ms", offset == null ? null : offset.getDouble("confidence_ms"))
        .put("clock_source", offset == null ? null : offset.getString("source"))
        .put("refusals", refusals)
        .put("warnings", warnings)
        .put("errors", currentErrors)
        .put("last_snapshot", lastSnapshot)
        .put("tone", tone)
        .put("selftest", selfTestRunning)
        .put("capture", shown.capture().configName())
        .put("position", shown.position())
        .put("time", clock.nowMillis());
  }

  private static double skewMillis(Object raw) {
    if (raw == null) {
      return 0;
    }
    try {
      return raw instanceof Number number ? number.doubleValue() : Double.parseDouble(raw.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(CLOCK_SKEW_MS + " must be a number of milliseconds, got '" + raw + "'");
    }
  }

  private static void ok(Message<Object> message, JsonObject data) {
    message.reply(new JsonObject().put("status", "ok").put("data", data));
  }

  private static void fail(Message<Object> message, int code, String error) {
    fail(message, code, error, new JsonObject());
  }

  /** An error reply with an HTTP-like code: 400 bad request, 409 refused or busy, 500 this node failed. */
  private static void fail(Message<Object> message, int code, String error, JsonObject extra) {
    message.reply(new JsonObject().put("status", "error").put("code", code).put("error", error).mergeIn(extra));
  }
}

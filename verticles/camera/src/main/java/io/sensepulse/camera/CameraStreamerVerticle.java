package io.sensepulse.camera;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.BusMessages;
import io.sensepulse.common.Reading;
import io.sensepulse.common.media.FragmentedMp4Reader;
import io.sensepulse.common.media.RtspInput;
import io.sensepulse.common.store.StoreClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One camera's stream, catalogue name {@code camera.streamer}: the orchestrator deploys it when
 * someone wants to watch and it undeploys itself when the stream ends. It runs one ffmpeg that
 * pulls the camera's RTSP once and writes HLS into {@code <hls_dir>/<id>/} and fragmented MP4 for
 * the live view onto the bus; supervises it (process alive, playlist fresh) and reconnects with
 * exponential backoff, giving up after {@code max_reconnects} attempts in a row; answers commands
 * on {@code cmd.camera.<id>}; and writes six readings and its status every {@code status_interval_ms}.
 * Config: {@link StreamerSettings}.
 */
public class CameraStreamerVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(CameraStreamerVerticle.class.getName());

  /** How long ffmpeg gets to end after SIGTERM before SIGKILL. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final long CHECK_INTERVAL_MS = 1000;
  /** How long a stopping streamer waits for its last status to be written. */
  private static final long FINAL_REPORT_MS = 2000;
  private static final int UNDEPLOY_TURNS = 100;
  /** Local map camera id to deployment id: two streamers of one camera on a node would fight over its folder. */
  static final String RUNNING_MAP = "pulse.camera.streamers";

  public static final String USER_STOPPED = "user_stopped";
  public static final String MAX_RECONNECTS = "max_reconnects";
  public static final String UNDEPLOYED = "undeployed";

  public static final Set<String> PTZ_DIRECTIONS = Set.of("up", "down", "left", "right", "zoomin", "zoomout");
  public static final double MIN_STEP = 0.1;
  public static final double MAX_STEP = 1.0;
  public static final double DEFAULT_STEP = 0.5;

  /** What a stream is doing; readings and status carry the lower-case name. */
  public enum State {
    STARTING, STREAMING, RECONNECTING, STOPPED, ERROR;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Seconds one ONVIF exchange may take before the move fails with a clear error. */
  private static final java.time.Duration ONVIF_TIMEOUT = java.time.Duration.ofSeconds(5);

  /**
   * PTZ over ONVIF. OnvifPtz counts steps 1-10 (100 ms of movement each); the streamer's step is the
   * share 0.1-1 of that, so 1 moves for a second.
   */
  private static final PtzControl.Factory ONVIF_PTZ = (vertx, onvif) -> {
    var client = new io.sensepulse.camera.onvif.OnvifPtz(vertx, onvif.host(), onvif.port(), onvif.username(),
        onvif.password(), ONVIF_TIMEOUT);
    return (direction, step) -> client.move(direction, step * 10);
  };

  private final PtzControl.Factory ptzFactory;

  private StreamerSettings settings;
  private String nodeId;
  private CameraConfig.Camera camera;
  private Path outputDir;
  private Path playlist;
  private FfmpegPidFile pidFile;
  private StoreClient store;
  private GopCache gop;
  private PtzControl ptz;

  private State state = State.STARTING;
  /** The stream's current error or warning, redacted; null when all is well. */
  private String error;
  /** The ffmpeg run being supervised; null between runs. */
  private Run current;
  /** The last run's end: the next run may write into the folder only after it. */
  private Future<Void> previousExit = Future.succeededFuture();
  /** The launch under way, if any. */
  private Future<Void> launching = Future.succeededFuture();
  private FfmpegLog.StreamInfo streamInfo;
  /** Failed runs in a row; a fresh stream resets it. */
  private int failures;
  private int restarts;
  private long streamingSinceMs;
  private long seq;
  private long reconnectTimer = -1;
  private boolean checking;
  /** Set once the stream is ending: nothing starts again. */
  private Future<Void> ending;

  /** One ffmpeg process and what its log said. */
  private final class Run {
    final FfmpegLog log = new FfmpegLog(text -> camera.redact(text));
    final long startedMs = System.currentTimeMillis();
    FfmpegProcess process;
  }

  public CameraStreamerVerticle() {
    this(ONVIF_PTZ);
  }

  /** @param ptzFactory builds the camera's PTZ control from its ONVIF settings (tests stand in for ONVIF here) */
  public CameraStreamerVerticle(PtzControl.Factory ptzFactory) {
    this.ptzFactory = ptzFactory;
  }

  @Override
  public Future<?> start() {
    settings = StreamerSettings.from(config());
    nodeId = io.sensepulse.common.PulseSettings.from(config()).nodeId();
    camera = settings.camera();
    outputDir = settings.outputDir();
    playlist = outputDir.resolve(FfmpegCommand.PLAYLIST);
    pidFile = new FfmpegPidFile(FfmpegPidFile.path(settings.dataDir(), camera.id()), playlist);
    store = new StoreClient(vertx.eventBus());
    gop = new GopCache(settings.gopCacheBytes());
    LocalMap<String, String> running = vertx.sharedData().getLocalMap(RUNNING_MAP);
    String other = running.putIfAbsent(camera.id(), deploymentID());
    if (other != null) {
      throw new IllegalStateException("camera '" + camera.id() + "' already streams on this node (deployment " + other + ")");
    }
    LOG.info(() -> "camera " + camera.id() + ": streaming " + camera.safeUrl() + " into " + outputDir);
    EventBus bus = vertx.eventBus();
    launching = vertx.<Void>executeBlocking(() -> {
          pidFile.endOrphan(STOP_GRACE).ifPresent(pid ->
              LOG.warning("camera " + camera.id() + ": ended ffmpeg " + pid + " left from a previous run"));
          return null;
        })
        .compose(ready -> Future.all(
            bus.consumer(Addresses.cmdCamera(camera.id()), this::command).completion(),
            bus.consumer(Addresses.cameraLiveInit(camera.id()), this::answerLiveInit).completion()))
        .compose(listening -> launch());
    return launching.onSuccess(launched -> {
      vertx.setPeriodic(CHECK_INTERVAL_MS, id -> check());
      vertx.setPeriodic(settings.statusIntervalMs(), id -> report());
      report();
    }).onFailure(failed -> {
      running.remove(camera.id(), deploymentID());
      Run run = current;
      if (run != null && run.process != null && run.process.alive()) {
        run.process.stop(context, STOP_GRACE);
      }
      state = State.ERROR;
      error = camera.redact(String.valueOf(failed.getMessage()));
      report();
    });
  }

  @Override
  public Future<?> stop() {
    return shutDown(UNDEPLOYED);
  }

  // ---- ffmpeg runs

  private Future<Void> launch() {
    Run run = new Run();
    current = run;
    RtspInput input = settings.command().input(camera.rtspUrl(), camera.transport());
    List<String> arguments = settings.command().arguments(input, outputDir);
    return vertx.<Void>executeBlocking(() -> {
          // A previous run's playlist would look fresh and list segments that are gone.
          clearFolder(outputDir);
          return null;
        })
        .compose(cleared -> FfmpegProcess.start(vertx, context, "camera-" + camera.id(), arguments, input.scriptBytes(), events(run)))
        .compose(process -> {
          run.process = process;
          return vertx.<Void>executeBlocking(() -> {
            pidFile.write(process.handle());
            return null;
          });
        });
  }

  private FfmpegProcess.Events events(Run run) {
    return new FfmpegProcess.Events() {
      @Override
      public void init(byte[] initSegment) {
        if (run == current) {
          publishInit(initSegment);
        }
      }

      @Override
      public void fragment(FragmentedMp4Reader.Fragment fragment) {
        if (run == current) {
          publishFragment(fragment);
        }
      }

      @Override
      public void stderrLine(String line) {
        run.log.accept(line);
        if (run == current && run.log.streamInfo() != null) {
          streamInfo = run.log.streamInfo();
        }
      }

      @Override
      public void liveBroken(String reason) {
        if (run == current) {
          LOG.warning(() -> "camera " + camera.id() + ": the live view stopped, HLS carries on: " + reason);
        }
      }

      @Override
      public void exited(int exitCode) {
        failure(run, run.log.exitReason(exitCode));
      }
    };
  }

  /** Once a second: a run whose playlist has not been (re)written within stale_after_ms has failed. */
  private void check() {
    Run run = current;
    if (run == null || run.process == null || checking || ending != null) {
      return;
    }
    checking = true;
    vertx.fileSystem().props(playlist.toString())
        .map(props -> props.lastModifiedTime())
        .otherwise(-1L)
        .onComplete(modified -> {
          checking = false;
          supervise(run, modified.result());
        });
  }

  private void supervise(Run run, long playlistModifiedMs) {
    if (run != current || ending != null) {
      return;
    }
    long now = System.currentTimeMillis();
    boolean written = playlistModifiedMs >= 0;
    long lastSignOfLife = written ? Math.max(playlistModifiedMs, run.startedMs) : run.startedMs;
    if (now - lastSignOfLife > settings.staleAfterMs()) {
      long seconds = settings.staleAfterMs() / 1000;
      failure(run, written ? "no new video for " + seconds + " s: the stream stalled"
          : "no video after " + seconds + " s" + (run.log.streamInfo() == null ? ": the camera did not answer with a stream" : ""));
      return;
    }
    if (written && state != State.STREAMING) {
      state = State.STREAMING;
      failures = 0;
      streamingSinceMs = now;
      error = run.log.warning();
      LOG.info(() -> "camera " + camera.id() + ": streaming" + (error == null ? "" : "; " + error));
      report();
    }
  }

  /** A run ended or stalled: reconnect after a backoff, or give up after max_reconnects attempts in a row. */
  private void failure(Run run, String reason) {
    if (run == null || run != current || ending != null) {
      return;
    }
    current = null;
    streamingSinceMs = 0;
    error = reason;
    gop.reset();
    previousExit = run.process != null && run.process.alive() ? run.process.stop(context, STOP_GRACE) : Future.succeededFuture();
    failures++;
    if (failures > settings.maxReconnects()) {
      LOG.warning(() -> "camera " + camera.id() + ": giving up after " + settings.maxReconnects() + " reconnects: " + reason);
      end(MAX_RECONNECTS);
      return;
    }
    state = State.RECONNECTING;
    long delay = settings.reconnectDelayMs(failures);
    LOG.warning(() -> "camera " + camera.id() + ": " + reason + "; reconnect " + failures + " of "
        + settings.maxReconnects() + " in " + delay + " ms");
    report();
    reconnectTimer = vertx.setTimer(delay, id -> {
      reconnectTimer = -1;
      launching = previousExit.compose(gone -> {
        if (ending != null) {
          return Future.succeededFuture();
        }
        restarts++;
        return launch().onFailure(failed -> failure(current, camera.redact(String.valueOf(failed.getMessage()))));
      });
    });
  }

  /** Stops ffmpeg, removes the playlist, segments and pid file, reports and announces the end. Once. */
  private Future<Void> shutDown(String reason) {
    if (ending != null) {
      return ending;
    }
    if (reconnectTimer >= 0) {
      vertx.cancelTimer(reconnectTimer);
    }
    ending = launching.otherwiseEmpty()
        .compose(launched -> {
          Run run = current;
          current = null;
          streamingSinceMs = 0;
          state = reason.equals(MAX_RECONNECTS) ? State.ERROR : State.STOPPED;
          if (!reason.equals(MAX_RECONNECTS)) {
            error = null;
          }
          gop.reset();
          return run != null && run.process != null && run.process.alive()
              ? run.process.stop(context, STOP_GRACE) : previousExit;
        })
        .compose(stopped -> vertx.<Void>executeBlocking(() -> {
          deleteFolder(outputDir);
          pidFile.delete();
          return null;
        }))
        .onFailure(failed -> LOG.warning(() -> "camera " + camera.id() + ": cleaning up: " + failed.getMessage()))
        .otherwiseEmpty()
        .compose(cleaned -> {
          vertx.sharedData().<String, String>getLocalMap(RUNNING_MAP).remove(camera.id(), deploymentID());
          // Written before the end is announced, so no "streaming" outlives the stream (the launcher
          // stops streamers while the store is still up). Bounded: while a node closes, the store
          // may already be gone.
          return report().timeout(FINAL_REPORT_MS, TimeUnit.MILLISECONDS).otherwiseEmpty();
        })
        .onComplete(done -> {
          vertx.eventBus().publish(Addresses.STREAM_ENDED,
              new JsonObject().put("camera", camera.id()).put("reason", reason).put("error", error));
          LOG.info(() -> "camera " + camera.id() + ": stream ended (" + reason + ")");
        });
    return ending;
  }

  private Future<Void> end(String reason) {
    return shutDown(reason).onComplete(done -> undeploySelf(UNDEPLOY_TURNS));
  }

  /** Vert.x registers a deployment only after start() completes; retry on later turns until it has. */
  private void undeploySelf(int turnsLeft) {
    vertx.undeploy(deploymentID()).onFailure(unknown -> {
      if (turnsLeft > 0) {
        context.runOnContext(v -> undeploySelf(turnsLeft - 1));
      }
    });
  }

  // ---- live view

  private void publishInit(byte[] initSegment) {
    seq++;
    gop.init(initSegment, seq);
    vertx.eventBus().publish(Addresses.cameraLive(camera.id()), Buffer.buffer(initSegment), new DeliveryOptions()
        .addHeader("seq", Long.toString(seq)).addHeader("keyframe", "false").addHeader("init", "true"));
  }

  private void publishFragment(FragmentedMp4Reader.Fragment fragment) {
    seq++;
    gop.add(fragment.bytes(), fragment.keyframe(), seq);
    vertx.eventBus().publish(Addresses.cameraLive(camera.id()), Buffer.buffer(fragment.bytes()), new DeliveryOptions()
        .addHeader("seq", Long.toString(seq)).addHeader("keyframe", Boolean.toString(fragment.keyframe())));
  }

  private void answerLiveInit(Message<Object> message) {
    GopCache.Snapshot snapshot = gop.snapshot();
    if (snapshot == null) {
      message.fail(503, "camera '" + camera.id() + "' has no live picture yet (" + state.label() + ")");
      return;
    }
    message.reply(Buffer.buffer(snapshot.bytes()), new DeliveryOptions().addHeader("seq", Long.toString(snapshot.seq())));
  }

  // ---- commands

  private void command(Message<Object> message) {
    Future<JsonObject> result;
    try {
      JsonObject request = BusMessages.jsonBody(message);
      Object action = request.getValue("action");
      result = switch (action instanceof String text ? text : "") {
        case "status" -> Future.succeededFuture(describe());
        case "stop" -> end(USER_STOPPED).map(stopped -> describe());
        case "restart" -> restart();
        case "ptz_move" -> ptzMove(request);
        default -> throw new IllegalArgumentException("expected {action: stop|restart|status|ptz_move}"
            + (action == null ? "" : ", got '" + camera.redact(String.valueOf(action)) + "'"));
      };
    } catch (IllegalArgumentException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(
        data -> message.reply(new JsonObject().put("status", "ok").put("data", data)),
        failed -> message.reply(new JsonObject().put("status", "error")
            .put("error", camera.redact(failed.getMessage() != null ? failed.getMessage() : failed.getClass().getSimpleName()))));
  }

  /** Ends the current run and starts a fresh one at once, with a clean reconnect count. */
  private Future<JsonObject> restart() {
    if (ending != null) {
      return Future.failedFuture("the stream is stopping");
    }
    if (!launching.isComplete()) {
      return Future.failedFuture("the stream is already starting");
    }
    if (reconnectTimer >= 0) {
      vertx.cancelTimer(reconnectTimer);
      reconnectTimer = -1;
    }
    Run run = current;
    current = null;
    failures = 0;
    streamingSinceMs = 0;
    error = null;
    state = State.STARTING;
    gop.reset();
    Future<Void> gone = run != null && run.process != null && run.process.alive()
        ? run.process.stop(context, STOP_GRACE) : previousExit;
    previousExit = gone;
    launching = gone.compose(stopped -> {
      restarts++;
      return launch().onFailure(failed -> failure(current, camera.redact(String.valueOf(failed.getMessage()))));
    });
    report();
    return launching.map(started -> describe());
  }

  private Future<JsonObject> ptzMove(JsonObject request) {
    String direction = request.getValue("direction") instanceof String text ? text.toLowerCase(Locale.ROOT) : null;
    if (direction == null || !PTZ_DIRECTIONS.contains(direction)) {
      throw new IllegalArgumentException("ptz_move needs direction: up, down, left, right, zoomin or zoomout");
    }
    Object rawStep = request.getValue("step", DEFAULT_STEP);
    if (!(rawStep instanceof Number number) || !(number.doubleValue() >= MIN_STEP && number.doubleValue() <= MAX_STEP)) {
      throw new IllegalArgumentException("ptz_move step must be a number from " + MIN_STEP + " to " + MAX_STEP);
    }
    double step = number.doubleValue();
    if (camera.onvif() == null) {
      return Future.failedFuture("PTZ needs ONVIF settings for this camera");
    }
    if (ptz == null) {
      ptz = ptzFactory.create(vertx, camera.onvif());
    }
    return ptz.move(direction, step).map(moved -> new JsonObject().put("direction", direction).put("step", step));
  }

  // ---- status

  /** The six readings and this camera's field of {@code status:network_camera}; failures only logged. */
  private Future<Void> report() {
    String id = camera.id();
    List<Reading> readings = List.of(
        Reading.of(id + ":stream_status", state.label(), ""),
        Reading.of(id + ":stream_connected", state == State.STREAMING, ""),
        Reading.of(id + ":stream_error", error, ""),
        Reading.of(id + ":stream_resolution", resolution(), ""),
        Reading.of(id + ":stream_fps", streamInfo == null ? null : streamInfo.fps(), "fps"),
        Reading.of(id + ":stream_uptime", uptimeSeconds(), "s"));
    return store.writeReadings(Addresses.CAMERA_SOURCE, readings)
        .compose(written -> store.updateStatus(Addresses.CAMERA_SOURCE, new JsonObject().put(id, describe())))
        .<Void>mapEmpty()
        .onFailure(failed -> LOG.fine(() -> "camera " + id + ": cannot write its status: " + failed.getMessage()));
  }

  private String resolution() {
    return streamInfo == null || streamInfo.width() == 0 ? null : streamInfo.resolution();
  }

  private long uptimeSeconds() {
    return streamingSinceMs == 0 ? 0 : (System.currentTimeMillis() - streamingSinceMs) / 1000;
  }

  /** This camera's status: the status command's data and its field of {@code status:network_camera}. */
  private JsonObject describe() {
    Run run = current;
    return new JsonObject()
        .put("camera", camera.id())
        .put("name", camera.name())
        .put("url", camera.safeUrl())
        .put("transport", camera.transport())
        .put("status", state.label())
        .put("connected", state == State.STREAMING)
        .put("error", error)
        .put("codec", streamInfo == null ? null : streamInfo.videoCodec())
        .put("audio_codec", streamInfo == null ? null : streamInfo.audioCodec())
        .put("resolution", resolution())
        .put("fps", streamInfo == null ? null : streamInfo.fps())
        .put("uptime", uptimeSeconds())
        .put("frames", run == null ? 0 : run.log.frames())
        .put("reconnect_attempts", failures)
        .put("max_reconnects", settings.maxReconnects())
        .put("restarts", restarts)
        .put("live_cache_bytes", gop.bytes())
        .put("ptz", camera.onvif() != null)
        // where it runs, so that an orchestrator started later can take the stream over
        .put("node", nodeId)
        .put("deploymentId", deploymentID())
        .put("updated", System.currentTimeMillis() / 1000.0);
  }

  // ---- files

  /**
   * Removes what ffmpeg writes there (playlist, segments, their temporary files) and nothing else:
   * a mistyped hls_dir must never cost a user their files.
   */
  private static void clearFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      return;
    }
    try (DirectoryStream<Path> written = Files.newDirectoryStream(folder, FfmpegCommand.WRITTEN_FILES)) {
      for (Path file : written) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** Empties the folder as above, then removes it unless something else lives there. */
  private static void deleteFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    clearFolder(folder);
    try {
      Files.delete(folder);
    } catch (DirectoryNotEmptyException e) {
      LOG.warning(() -> "kept " + folder + ": it holds files the streamer did not write");
    }
  }
}

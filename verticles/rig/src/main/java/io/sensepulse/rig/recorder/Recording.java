package io.sensepulse.rig.recorder;

import io.sensepulse.common.Secrets;
import io.sensepulse.common.media.FragmentedMp4Reader;
import io.sensepulse.rig.RigClock;
import io.sensepulse.rig.capture.CaptureCommands;
import io.sensepulse.rig.capture.Progress;
import io.sensepulse.rig.capture.ProgressParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * One running capture pipeline and the thread that writes its segments. Recording starts at a
 * precise instant on this node's clock. A frame-clocked pipeline (the test source) is started a
 * second ahead and its {@link FrameClock} lets the first frame through at the instant; a camera
 * pipeline is started at the instant itself (a timer to just before it, then a worker thread parks
 * and spins the last fraction of a millisecond). ffmpeg's stdout (fragmented MP4) and stderr
 * (progress) are read on threads of the recorder's worker executor, never on the event loop; every
 * event reaches the {@link Listener} on the owner's context, in order.
 */
public final class Recording {

  /** What the recording reports, always on the owner's context. */
  public interface Listener {
    default void initialised(Mp4Inspector.VideoTrack video) {}

    /**
     * A segment file is about to be created; it is, once the returned future completes (or after
     * {@link #NAMING_PATIENCE_MILLIS}): the manifest names every file before it exists.
     */
    default Future<Void> segmentOpening(int index, String file, double startSeconds) {
      return Future.succeededFuture();
    }

    default void segmentClosed(SegmentWriter.Segment segment) {}

    /**
     * Recording began, times on this node's clock: a camera pipeline's processes were started, or a
     * frame-clocked pipeline's first frame was handed to its encoder.
     *
     * @param launchedLocalMillis when the processes were started
     * @param firstFrameLocalMillis the frame-clocked pipeline's first frame slot; NaN for a camera
     *     pipeline, whose first frame is known only from its first fragment
     * @param handoverMillis how long after its slot that frame reached the encoder; NaN for a camera
     */
    default void started(double launchedLocalMillis, double firstFrameLocalMillis, double handoverMillis) {}

    /** The first fragment with video arrived at {@code localMillis}, holding {@code videoSeconds} of it. */
    default void firstFragment(double localMillis, double videoSeconds) {}

    default void progress(Progress progress) {}

    /** One of ffmpeg's own messages (errors, warnings), credentials in URLs hidden. */
    default void logLine(String line) {}

    void ended(Ending ending);
  }

  /**
   * @param exitCode the last stage's exit code, or -1 when it never started
   * @param error why it ended badly, or null
   * @param sawInit the stream had begun (an init segment arrived)
   * @param stopRequested it ended because {@link #stop} asked
   */
  public record Ending(int exitCode, String error, boolean sawInit, boolean stopRequested) {}

  /** The event-loop timer hands over to a worker thread this long before the instant; timers are good to a few ms. */
  static final long WAKE_AHEAD_MILLIS = 20;
  /** A frame-clocked pipeline is started this long before the instant: ffmpeg is up in tens of ms, more when loaded. */
  static final long PREPARE_AHEAD_MILLIS = 1_000;
  /** How long a stopped pipeline gets to finish its last fragment before it is killed. */
  static final long STOP_GRACE_MILLIS = 2_500;
  private static final int READ_BUFFER = 128 * 1024;
  /**
   * How long the writing thread waits for a new segment to be named before creating it anyway:
   * footage matters more than the manifest being first. A manifest write takes milliseconds.
   */
  static final long NAMING_PATIENCE_MILLIS = 5_000;

  private final Vertx vertx;
  private final Context context;
  private final WorkerExecutor executor;
  private final CaptureCommands.Pipeline pipeline;
  private final Path directory;
  private final IntFunction<String> fileNames;
  private final double segmentSeconds;
  private final RigClock clock;
  private final Listener listener;
  private final Promise<Ending> ended = Promise.promise();

  private volatile boolean stopRequested;
  private volatile List<Process> processes = List.of();
  private volatile SegmentWriter writer;
  private long armTimer = -1;

  public Recording(Vertx vertx, Context context, WorkerExecutor executor, CaptureCommands.Pipeline pipeline,
      Path directory, IntFunction<String> fileNames, double segmentSeconds, RigClock clock, Listener listener) {
    this.vertx = vertx;
    this.context = context;
    this.executor = executor;
    this.pipeline = pipeline;
    this.directory = directory;
    this.fileNames = fileNames;
    this.segmentSeconds = segmentSeconds;
    this.clock = clock;
    this.listener = listener;
  }

  /** Starts recording at {@code localMillis} on this node's clock (at once when it has passed). */
  public void launchAt(double localMillis) {
    long ahead = pipeline.frameClocked() ? PREPARE_AHEAD_MILLIS : WAKE_AHEAD_MILLIS;
    long coarse = (long) (localMillis - clock.nowMillis()) - ahead;
    if (coarse >= 1) {
      armTimer = vertx.setTimer(coarse, id -> run(localMillis));
    } else {
      run(localMillis);
    }
  }

  public Future<Ending> ended() {
    return ended.future();
  }

  /** Ends the recording: the first process is asked to stop (SIGTERM), all are killed after a grace period. */
  public void stop() {
    stopRequested = true;
    if (armTimer >= 0 && vertx.cancelTimer(armTimer)) {
      finish(new Ending(-1, null, false, true));
      return;
    }
    List<Process> running = processes;
    if (!running.isEmpty()) {
      // through the handle: Process.destroy() would also close the streams the last fragments are read from
      running.get(0).toHandle().destroy();
    }
    vertx.setTimer(STOP_GRACE_MILLIS, id -> {
      if (!ended.future().isComplete()) {
        processes.forEach(Process::destroyForcibly);
      }
    });
  }

  /** Init segment plus the latest keyframe fragment, for a snapshot; null before the first. */
  public byte[] latestKeyframeClip() {
    SegmentWriter current = writer;
    return current == null ? null : current.latestKeyframeClip();
  }

  private void run(double localMillis) {
    executor.executeBlocking(() -> {
      if (pipeline.frameClocked()) {
        startThenRelease(localMillis);
      } else {
        startAtInstant(localMillis);
      }
      return null;
    }, false);
  }

  private void startAtInstant(double localMillis) {
    if (!InstantWait.until(clock, localMillis, () -> stopRequested)) {
      post(() -> finish(new Ending(-1, null, false, true)));
      return;
    }
    List<Process> started;
    try {
      started = startPiped();
    } catch (IOException e) {
      failedToStart(e);
      return;
    }
    double launched = clock.nowMillis();
    processes = started;
    post(() -> listener.started(launched, Double.NaN, Double.NaN));
    readStream(started);
  }

  private void startThenRelease(double localMillis) {
    if (stopRequested) {
      post(() -> finish(new Ending(-1, null, false, true)));
      return;
    }
    List<Process> started;
    try {
      started = startClocked();
    } catch (IOException e) {
      failedToStart(e);
      return;
    }
    double launched = clock.nowMillis();
    processes = started;
    Process generator = started.get(0);
    Process encoder = started.get(1);
    executor.executeBlocking(() -> {
      // an encoder that died while waiting for the instant (a missing codec) ends the wait: the ending says why
      try (InputStream frames = generator.getInputStream(); OutputStream sink = encoder.getOutputStream()) {
        new FrameClock(clock, () -> stopRequested || !encoder.isAlive()).run(frames, sink, localMillis,
            (slot, handedOver) -> post(() -> listener.started(launched, slot, handedOver - slot)));
      } catch (IOException e) {
        if (!stopRequested && encoder.isAlive()) {
          post(() -> listener.logLine("frame clock stopped: " + e.getMessage()));
        }
      }
      // the encoder has its end of stream; a generator still running has no one to feed
      generator.destroyForcibly();
      return null;
    }, false);
    readStream(started);
  }

  private void failedToStart(IOException e) {
    String error = "cannot start " + pipeline.stages().get(0).get(0) + ": " + e.getMessage();
    post(() -> finish(new Ending(-1, error, false, false)));
  }

  private List<Process> startPiped() throws IOException {
    List<ProcessBuilder> builders = new ArrayList<>();
    for (List<String> stage : pipeline.stages()) {
      builders.add(new ProcessBuilder(stage));
    }
    if (pipeline.firstStdin() == null) {
      builders.get(0).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    // rpicam-vid's chatter is not ours to parse; ffmpeg's stderr carries progress and errors
    for (int i = 0; i < builders.size() - 1; i++) {
      builders.get(i).redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    List<Process> started = ProcessBuilder.startPipeline(builders);
    if (pipeline.firstStdin() != null) {
      // a few hundred bytes, far less than a pipe's buffer: written whole before the stage reads
      try (OutputStream stdin = started.get(0).getOutputStream()) {
        stdin.write(pipeline.firstStdin().getBytes(StandardCharsets.UTF_8));
      } catch (IOException exitedAlready) {
        // its stderr says why
      }
    }
    return started;
  }

  /** The generator and the encoder, not connected: the frame clock sits between them. */
  private List<Process> startClocked() throws IOException {
    Process generator = new ProcessBuilder(pipeline.stages().get(0))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      return List.of(generator, new ProcessBuilder(pipeline.stages().get(1)).start());
    } catch (IOException e) {
      generator.destroyForcibly();
      throw e;
    }
  }

  private void readStream(List<Process> started) {
    Process last = started.get(started.size() - 1);
    CountDownLatch stderrDone = new CountDownLatch(1);
    List<String> lastLines = new ArrayList<>();
    executor.executeBlocking(() -> {
      readProgress(last.getErrorStream(), lastLines);
      stderrDone.countDown();
      return null;
    }, false);
    boolean[] sawInit = {false};
    SegmentWriter segmentWriter = new SegmentWriter(directory, fileNames, segmentSeconds, new SegmentWriter.Events() {
      @Override public void initialised(Mp4Inspector.VideoTrack video) {
        sawInit[0] = true;
        post(() -> listener.initialised(video));
      }

      @Override public void segmentOpening(int index, String file, double startSeconds) {
        // ffmpeg's pipe holds the stream meanwhile; the writing thread already waits for fdatasync the same way
        CompletableFuture<Void> named = new CompletableFuture<>();
        post(() -> listener.segmentOpening(index, file, startSeconds).onComplete(done -> named.complete(null)));
        try {
          named.get(NAMING_PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
          post(() -> listener.logLine("segment " + file + " created before the manifest named it"));
        }
      }

      @Override public void segmentClosed(SegmentWriter.Segment segment) {
        post(() -> listener.segmentClosed(segment));
      }

      @Override public void firstVideo(double seconds) {
        double now = clock.nowMillis();
        post(() -> listener.firstFragment(now, seconds));
      }
    }, System::nanoTime);
    writer = segmentWriter;
    FragmentedMp4Reader reader = new FragmentedMp4Reader(new FragmentedMp4Reader.Listener() {
      @Override public void init(byte[] initSegment) {
        segmentWriter.init(initSegment);
      }

      @Override public void fragment(FragmentedMp4Reader.Fragment fragment) {
        segmentWriter.fragment(fragment);
      }
    });
    String error = null;
    try (InputStream in = last.getInputStream()) {
      byte[] buffer = new byte[READ_BUFFER];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        reader.feed(buffer, 0, read);
      }
    } catch (IOException | UncheckedIOException | FragmentedMp4Reader.FormatException | IllegalArgumentException e) {
      error = "recording failed: " + e.getMessage();
      started.forEach(Process::destroyForcibly);
    }
    try {
      segmentWriter.close();
    } catch (IOException e) {
      error = error != null ? error : "closing the last segment failed: " + e.getMessage();
    }
    int exitCode = waitFor(started);
    awaitQuietly(stderrDone);
    if (error == null && !stopRequested) {
      synchronized (lastLines) {
        error = "the capture pipeline ended unexpectedly (exit " + exitCode + ")"
            + (lastLines.isEmpty() ? "" : ": " + String.join(" / ", lastLines));
      }
    }
    Ending ending = new Ending(exitCode, error, sawInit[0], stopRequested);
    post(() -> finish(ending));
  }

  private void readProgress(InputStream stderr, List<String> lastLines) {
    ProgressParser parser = new ProgressParser(progress -> post(() -> listener.progress(progress)), line -> {
      String safe = Secrets.redactUrl(line);
      synchronized (lastLines) {
        lastLines.add(safe);
        if (lastLines.size() > 3) {
          lastLines.remove(0);
        }
      }
      post(() -> listener.logLine(safe));
    });
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        parser.line(line);
      }
    } catch (IOException ignored) {
      // the process is gone; its ending is reported by the stdout side
    }
  }

  private static int waitFor(List<Process> started) {
    int exitCode = -1;
    for (Process process : started) {
      try {
        exitCode = process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    return exitCode;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The listener first: whoever waits on {@link #ended()} then sees what it did about the ending. */
  private void finish(Ending ending) {
    if (!ended.future().isComplete()) {
      listener.ended(ending);
      ended.complete(ending);
    }
  }

  private void post(Runnable action) {
    context.runOnContext(ignored -> action.run());
  }
}

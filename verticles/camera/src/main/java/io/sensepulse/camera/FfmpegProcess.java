package io.sensepulse.camera;

import io.sensepulse.common.media.FragmentedMp4Reader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running ffmpeg and the two threads that read it: stdout (the live view's fragmented MP4,
 * split here, off the event loop) and stderr (log and progress lines). Everything it finds is
 * handed to the owning verticle's context in stream order; {@link Events#exited} comes last, after
 * every stderr line, so the reason for an exit is always in the log before the exit is handled.
 */
final class FfmpegProcess {
  /** Called on the verticle's context. */
  interface Events {
    void init(byte[] initSegment);

    void fragment(FragmentedMp4Reader.Fragment fragment);

    void stderrLine(String line);

    /** The live view's bytes could not be read (the HLS output carries on). */
    void liveBroken(String reason);

    void exited(int exitCode);
  }

  private static final int READ_CHUNK = 64 * 1024;

  private final Process process;

  private FfmpegProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts ffmpeg (off the event loop) and its reader threads; fails when it cannot be run at all.
   *
   * @param stdin written to ffmpeg's stdin, which is then closed: the input's script
   */
  static Future<FfmpegProcess> start(Vertx vertx, Context context, String name, List<String> arguments, byte[] stdin,
      Events events) {
    return vertx.executeBlocking(() -> {
      Process process;
      try {
        process = new ProcessBuilder(arguments).start();
      } catch (IOException e) {
        throw new IOException("cannot run " + arguments.get(0) + " (is ffmpeg installed?): " + e.getMessage());
      }
      // far less than a pipe's buffer: written whole, even before ffmpeg reads
      try (OutputStream script = process.getOutputStream()) {
        script.write(stdin);
      } catch (IOException e) {
        // ffmpeg exited at once; its stderr says why
      }
      thread(name + "-live", () -> readLive(process.getInputStream(), context, events));
      thread(name + "-log", () -> readLog(process, context, events));
      return new FfmpegProcess(process);
    });
  }

  private static void thread(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void readLive(InputStream stdout, Context context, Events events) {
    FragmentedMp4Reader reader = new FragmentedMp4Reader(new FragmentedMp4Reader.Listener() {
      @Override
      public void init(byte[] initSegment) {
        deliver(context, () -> events.init(initSegment));
      }

      @Override
      public void fragment(FragmentedMp4Reader.Fragment fragment) {
        deliver(context, () -> events.fragment(fragment));
      }
    });
    byte[] chunk = new byte[READ_CHUNK];
    boolean readable = true;
    try {
      int read;
      while ((read = stdout.read(chunk)) >= 0) {
        if (readable) {
          try {
            reader.feed(chunk, 0, read);
          } catch (FragmentedMp4Reader.FormatException e) {
            readable = false;
            deliver(context, () -> events.liveBroken(e.getMessage()));
          }
        }
        // once unreadable, keep draining: a full pipe would stall ffmpeg and the HLS output with it
      }
    } catch (IOException e) {
      // ffmpeg ended; its exit is reported by the log reader
    }
  }

  private static void readLog(Process process, Context context, Events events) {
    try (BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = stderr.readLine()) != null) {
        String delivered = line;
        deliver(context, () -> events.stderrLine(delivered));
      }
    } catch (IOException e) {
      // ffmpeg ended
    }
    try {
      int exitCode = process.waitFor();
      deliver(context, () -> events.exited(exitCode));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Hands an event to the verticle; after the node has closed there is no one left to tell. */
  private static void deliver(Context context, Runnable event) {
    try {
      context.runOnContext(v -> event.run());
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the event loop has ended with the node; ffmpeg was stopped before it
    }
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * SIGTERM, then SIGKILL when ffmpeg has not ended after {@code grace}; completes when it has
   * ended. Plain Java futures rather than Vert.x timers, so it also works while the verticle is
   * being undeployed.
   */
  Future<Void> stop(Context context, Duration grace) {
    process.destroy();
    CompletableFuture<Void> ended = process.onExit()
        .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
        .thenCompose(exited -> exited != null ? CompletableFuture.<Void>completedFuture(null)
            : process.destroyForcibly().onExit().thenApply(killed -> (Void) null));
    return Future.fromCompletionStage(ended, context);
  }
}

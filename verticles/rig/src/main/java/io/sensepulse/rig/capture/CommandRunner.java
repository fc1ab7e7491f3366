package io.sensepulse.rig.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command (a probe, a snapshot) to completion. Blocking: worker threads only. */
public final class CommandRunner {
  private CommandRunner() {}

  /** Bounds what a probe may print; the answers we read are a few KB. */
  static final int MAX_OUTPUT_BYTES = 256 * 1024;

  /** @param output stdout and stderr together, at most {@link #MAX_OUTPUT_BYTES} */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code command} with stdin closed; kills it after {@code timeout}.
   *
   * @throws IOException when it cannot start (not installed) or timed out
   */
  public static Result run(List<String> command, Duration timeout) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> copyBounded(process.getInputStream(), output), "pulse-command-output");
    drain.setDaemon(true);
    drain.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish within " + timeout.toMillis() + " ms");
      }
      drain.join(1000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(command.get(0) + " was interrupted", e);
    }
    synchronized (output) {
      return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
  }

  private static void copyBounded(InputStream in, ByteArrayOutputStream output) {
    byte[] buffer = new byte[8192];
    try (in) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        synchronized (output) {
          if (output.size() < MAX_OUTPUT_BYTES) {
            output.write(buffer, 0, Math.min(read, MAX_OUTPUT_BYTES - output.size()));
          }
        }
      }
    } catch (IOException ignored) {
      // the process ended or was killed; what was read is kept
    }
  }
}

package io.sensepulse.rig.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code chronyc -c tracking} and parses its line. Blocking: call it off the event loop. An
 * argument list, never a shell.
 */
final class ChronyReader {
  /** chronyc answers from the local daemon in milliseconds; a hung one must not hold a worker. */
  static final long TIMEOUT_MS = 2_000;
  /** One CSV line is about 150 bytes; anything beyond a few KiB is not chronyc's answer. */
  private static final int MAX_OUTPUT = 4096;

  private final String chronyc;

  ChronyReader(String chronyc) {
    this.chronyc = chronyc;
  }

  /** The tracking report; an exception saying why there is none (no chronyc, no daemon, odd output). */
  ChronyTracking read() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(chronyc, "-c", "tracking")).redirectErrorStream(true).start();
    try (InputStream out = process.getInputStream()) {
      process.getOutputStream().close();
      // Its answer is one short line, far below the pipe's buffer: waiting first cannot deadlock,
      // and a chronyc hung on its daemon is cut off rather than read from forever.
      if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        throw new IOException(chronyc + " did not finish within " + TIMEOUT_MS + " ms");
      }
      String output = new String(out.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException(chronyc + " exited with " + process.exitValue() + ": " + output.strip());
      }
      return ChronyTracking.parse(output);
    } finally {
      process.destroyForcibly();
    }
  }
}

package io.sensepulse.common.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Servers the tests start as child processes (redis-server, GStreamer's RTSP server). */
public final class ChildProcesses {
  private ChildProcesses() {}

  /**
   * Reads the process's output until a line says it is ready, then drains the rest on a daemon
   * thread so the pipe never fills. False when the output ended first (the process died).
   */
  public static boolean awaitReady(Process process, Predicate<String> ready, String threadName) throws IOException {
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (ready.test(line)) {
        Thread drain = new Thread(() -> drain(output), threadName);
        drain.setDaemon(true);
        drain.start();
        return true;
      }
    }
    return false;
  }

  /** SIGKILL, as a crash or a power cut, and wait for the process to be gone. */
  public static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void drain(BufferedReader output) {
    try {
      while (output.readLine() != null) {
        // discarded: keeps the pipe from filling
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }
}

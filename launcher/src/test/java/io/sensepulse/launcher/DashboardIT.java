package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sensepulse.common.testing.RedisServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser against a real hub: the hub runs from pulse.jar with the system
 * source polled every second, and webroot/test/dashboard.mjs drives Debian's headless Chromium
 * through playwright-core. The script sees a system reading and its change on the next poll, then
 * asks for the hub to be stopped (it must show "disconnected") and started again on the same port
 * (it must reconnect by itself and get live readings again). Protocol: see dashboard.mjs.
 */
class DashboardIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String LISTENING = "Gateway listening on port";
  private static final long OVERALL_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(180);
  private static final long HUB_START_TIMEOUT_S = 60;

  private final Path jar = Path.of(requiredProperty("pulse.jar"));
  private final Path tests = Path.of(requiredProperty("pulse.webroot.tests"));
  /** launcher/target/dashboard-it: hub logs and the screenshots, kept for a look after the run. */
  private final Path outputDir = jar.toAbsolutePath().getParent().resolve("dashboard-it");

  @Test
  void dashboardShowsLiveReadingsAndTheHubGoingAndComingBack(@TempDir Path dataDir) throws Exception {
    assertTrue(Files.isRegularFile(jar), "no " + jar + ": build the launcher (mvn package) first");
    assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: launcher/bin/setup --test installs Debian's chromium");
    Path node = onPath("node").orElseThrow(() -> new AssertionError("node is not on PATH: launcher/bin/setup --test installs Node.js"));
    Path webroot = tests.toAbsolutePath().getParent();
    assertTrue(Files.isDirectory(webroot.resolve("node_modules/playwright-core")),
        "no playwright-core in " + webroot + "/node_modules: webroot/scripts/vendor.sh (run by the build) installs it");
    Files.createDirectories(outputDir);

    long deadline = System.currentTimeMillis() + OVERALL_TIMEOUT_MS;
    int port = RedisServer.freePort();
    List<String> transcript = new ArrayList<>();
    try (RedisServer redis = RedisServer.startNew()) {
      Hub hub = null;
      Process script = null;
      try {
        hub = Hub.start(jar, port, redis.url(), dataDir, outputDir.resolve("hub-1.log"));

        script = new ProcessBuilder(node.toString(), tests.resolve("dashboard.mjs").toString(),
                "http://127.0.0.1:" + port + "/", outputDir.resolve("dashboard.png").toString())
            .directory(webroot.toFile())
            .redirectErrorStream(true)
            .start();
        BlockingQueue<Optional<String>> lines = linesOf(script);
        PrintWriter toScript = new PrintWriter(script.getOutputStream(), true, StandardCharsets.UTF_8);

        boolean sawOk = false;
        for (Optional<String> line = next(lines, deadline, transcript); line.isPresent(); line = next(lines, deadline, transcript)) {
          transcript.add(line.get());
          System.out.println("dashboard.mjs: " + line.get());
          switch (line.get()) {
            case "READY_FOR_STOP" -> {
              hub.stop();
              toScript.println("stopped");
            }
            case "READY_FOR_START" -> {
              hub = Hub.start(jar, port, redis.url(), dataDir, outputDir.resolve("hub-2.log"));
              toScript.println("started");
            }
            case "OK" -> sawOk = true;
            default -> {
              // diagnostics from the script, kept in the transcript
            }
          }
        }
        assertTrue(script.waitFor(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS),
            "dashboard.mjs did not exit:\n" + String.join("\n", transcript));
        assertEquals(0, script.exitValue(), "dashboard.mjs failed:\n" + String.join("\n", transcript) + hub.tail());
        assertTrue(sawOk, "dashboard.mjs exited without OK:\n" + String.join("\n", transcript));
      } finally {
        // Before Redis goes: the hub would only log its loss.
        if (script != null) {
          script.destroyForcibly();
          script.waitFor(10, TimeUnit.SECONDS);
        }
        if (hub != null) {
          hub.kill();
        }
      }
    }
  }

  /** The next line of the script, or empty at its end; fails the test at the deadline. */
  private static Optional<String> next(BlockingQueue<Optional<String>> lines, long deadline, List<String> transcript)
      throws InterruptedException {
    Optional<String> line = lines.poll(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    if (line == null) {
      fail("timed out waiting for dashboard.mjs; so far:\n" + String.join("\n", transcript));
    }
    return line;
  }

  private static BlockingQueue<Optional<String>> linesOf(Process process) {
    BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(Optional.of(line));
        }
      } catch (IOException ignored) {
        // the script ended
      }
      lines.add(Optional.empty());
    }, "dashboard-script-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set (the launcher pom's failsafe setup sets it)");
    }
    return value;
  }

  private static Optional<Path> onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The hub as users run it, java -jar pulse.jar hub; its output goes to a log file. */
  private static final class Hub {
    private final Process process;
    private final Path log;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    private Hub(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static Hub start(Path jar, int port, String redisUrl, Path dataDir, Path log) throws Exception {
      ProcessBuilder builder = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xss512k", "-Xmx384m", "-jar", jar.toAbsolutePath().toString(), "hub")
          // No conf/pulse.json there: the configuration is the defaults plus the environment below.
          .directory(dataDir.toFile())
          .redirectErrorStream(true);
      builder.environment().putAll(Map.of(
          "PULSE_HTTP_PORT", String.valueOf(port),
          "PULSE_REDIS_URL", redisUrl,
          "PULSE_DATA_DIR", dataDir.toString(),
          "PULSE_NODE_ID", "hub-it",
          "SCHEDULE_SYSTEM", "1"));
      Hub hub = new Hub(builder.start(), log);
      Thread reader = new Thread(hub::copyOutput, "hub-output");
      reader.setDaemon(true);
      reader.start();
      try {
        hub.listening.get(HUB_START_TIMEOUT_S, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        hub.kill();
        fail("the hub did not log '" + LISTENING + "' within " + HUB_START_TIMEOUT_S + " s" + hub.tail());
      }
      return hub;
    }

    /** A normal stop (SIGTERM), waited for, as when the service is stopped on the Pi. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
        fail("the hub did not stop within 30 s of SIGTERM" + tail());
      }
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "\n--- " + log + " (last lines)\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (IOException e) {
        return "\n(no hub log: " + e.getMessage() + ")";
      }
    }

    private void copyOutput() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
           OutputStream out = Files.newOutputStream(log)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          if (line.contains(LISTENING)) {
            listening.complete(null);
          }
        }
      } catch (IOException ignored) {
        // the hub ended
      }
      listening.completeExceptionally(new IllegalStateException("the hub exited before listening" + tail()));
    }
  }
}

package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.sensepulse.common.testing.RedisServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in on the dashboard in a real browser against a real hub with sign-in on (one operator from
 * AUTH_USERNAME / AUTH_PASSWORD_HASH, anonymous viewing allowed): webroot/test/signin.mjs signs in,
 * changes the system source's refresh interval, signs out and checks that the settings controls are
 * gone and that the hub refuses a write. Steps: see signin.mjs.
 */
class SignInDashboardIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String LISTENING = "Gateway listening on port";
  private static final long SCRIPT_TIMEOUT_S = 120;
  private static final long HUB_START_TIMEOUT_S = 60;
  private static final String OPERATOR = "coach";
  private static final String PASSWORD = "correct horse battery staple";
  /** Below the hub's default cost so that the hub checks a sign-in quickly; still a real bcrypt hash. */
  private static final int TEST_BCRYPT_COST = 6;

  private final Path jar = Path.of(requiredProperty("pulse.jar"));
  private final Path tests = Path.of(requiredProperty("pulse.webroot.tests"));
  /** launcher/target/signin-it: the hub log and the screenshots, kept for a look after the run. */
  private final Path outputDir = jar.toAbsolutePath().getParent().resolve("signin-it");

  @Test
  void operatorSignsInChangesASettingAndSignsOut(@TempDir Path dataDir) throws Exception {
    assertTrue(Files.isRegularFile(jar), "no " + jar + ": build the launcher (mvn package) first");
    assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: launcher/bin/setup --test installs Debian's chromium");
    Path node = onPath("node").orElseThrow(() -> new AssertionError("node is not on PATH: launcher/bin/setup --test installs Node.js"));
    Path webroot = tests.toAbsolutePath().getParent();
    assertTrue(Files.isDirectory(webroot.resolve("node_modules/playwright-core")),
        "no playwright-core in " + webroot + "/node_modules: webroot/scripts/vendor.sh (run by the build) installs it");
    Files.createDirectories(outputDir);
    String hash = BCrypt.withDefaults().hashToString(TEST_BCRYPT_COST, PASSWORD.toCharArray());

    int port = RedisServer.freePort();
    try (RedisServer redis = RedisServer.startNew()) {
      Hub hub = null;
      Process script = null;
      try {
        hub = Hub.start(jar, dataDir, outputDir.resolve("hub.log"), Map.of(
            "PULSE_HTTP_PORT", String.valueOf(port),
            "PULSE_REDIS_URL", redis.url(),
            "PULSE_DATA_DIR", dataDir.toString(),
            "PULSE_NODE_ID", "hub-signin-it",
            "AUTH_ENABLED", "true",
            "AUTH_ANONYMOUS_READ", "true",
            "AUTH_USERNAME", OPERATOR,
            "AUTH_PASSWORD_HASH", hash));

        script = new ProcessBuilder(node.toString(), tests.resolve("signin.mjs").toString(),
                "http://127.0.0.1:" + port + "/", OPERATOR, PASSWORD, outputDir.toString())
            .directory(webroot.toFile())
            .redirectErrorStream(true)
            .start();
        List<String> transcript = Collections.synchronizedList(new ArrayList<>());
        Thread reader = copyLines(script, transcript);

        if (!script.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS)) {
          fail("signin.mjs did not finish within " + SCRIPT_TIMEOUT_S + " s:\n" + String.join("\n", transcript) + hub.tail());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String output = String.join("\n", transcript);
        assertEquals(0, script.exitValue(), "signin.mjs failed:\n" + output + hub.tail());
        assertTrue(transcript.contains("OK"), "signin.mjs exited without OK:\n" + output);
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

  /** Copies the script's lines into the transcript (and the test output) until it ends. */
  private static Thread copyLines(Process process, List<String> transcript) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          transcript.add(line);
          System.out.println("signin.mjs: " + line);
        }
      } catch (IOException ignored) {
        // the script ended
      }
    }, "signin-script-output");
    reader.setDaemon(true);
    reader.start();
    return reader;
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

  /** The hub as users run it, java -jar pulse.jar hub, configured by the environment; its output goes to a log file. */
  private static final class Hub {
    private final Process process;
    private final Path log;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    private Hub(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static Hub start(Path jar, Path dataDir, Path log, Map<String, String> environment) throws Exception {
      ProcessBuilder builder = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xss512k", "-Xmx384m", "-jar", jar.toAbsolutePath().toString(), "hub")
          // No conf/pulse.json there: the configuration is the defaults plus the environment.
          .directory(dataDir.toFile())
          .redirectErrorStream(true);
      builder.environment().putAll(environment);
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

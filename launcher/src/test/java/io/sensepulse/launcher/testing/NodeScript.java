package io.sensepulse.launcher.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A browser test script of webroot/test run by Node.js from the webroot folder (where its
 * node_modules are). Each line it prints goes to the test output and the transcript, and can be
 * taken in order with {@link #next}; {@link #println} answers on its stdin.
 */
public final class NodeScript implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final String name;
  private final Process process;
  private final PrintWriter stdin;
  private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
  /** Empty after the last line. */
  private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private NodeScript(String name, Process process) {
    this.name = name;
    this.process = process;
    stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    reader = new Thread(this::read, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Fails, saying how to get it, unless pulse.jar, Node.js, Debian's chromium and webroot's
   * playwright-core are there. Returns launcher/target/outputName, created, for the hub logs and
   * screenshots kept for a look after the run.
   */
  public static Path prepareBrowserTest(String outputName) throws IOException {
    Path jar = NodeProcess.JAR;
    assertTrue(Files.isRegularFile(jar), "no " + jar + ": build the launcher (mvn package) first");
    assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: launcher/bin/setup --test installs Debian's chromium");
    node();
    Path webroot = webroot();
    assertTrue(Files.isDirectory(webroot.resolve("node_modules/playwright-core")),
        "no playwright-core in " + webroot + "/node_modules: webroot/scripts/vendor.sh (run by the build) installs it");
    return Files.createDirectories(jar.toAbsolutePath().getParent().resolve(outputName));
  }

  /** Starts webroot/test/script with these arguments. */
  public static NodeScript start(String script, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(node().toString(), tests().resolve(script).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command)
        .directory(webroot().toFile())
        .redirectErrorStream(true)
        .start();
    return new NodeScript(script, process);
  }

  /** The next line of the script, or empty at its end; fails the test at the deadline (epoch ms). */
  public Optional<String> next(long deadline) throws InterruptedException {
    Optional<String> line = lines.poll(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    if (line == null) {
      fail("timed out waiting for " + name + "; so far:\n" + transcript());
    }
    return line;
  }

  public void println(String line) {
    stdin.println(line);
  }

  /** Waits for the script to end; once it has, the transcript is complete. */
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    if (!process.waitFor(timeout, unit)) {
      return false;
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return true;
  }

  public int exitValue() {
    return process.exitValue();
  }

  public boolean printed(String line) {
    return transcript.contains(line);
  }

  /** Every line printed so far. */
  public String transcript() {
    synchronized (transcript) {
      return String.join("\n", transcript);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        transcript.add(line);
        System.out.println(name + ": " + line);
        lines.add(Optional.of(line));
      }
    } catch (IOException ignored) {
      // the script ended
    }
    lines.add(Optional.empty());
  }

  private static Path tests() {
    String value = System.getProperty("pulse.webroot.tests");
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property pulse.webroot.tests is not set (the launcher pom's failsafe setup sets it)");
    }
    return Path.of(value);
  }

  private static Path webroot() {
    return tests().toAbsolutePath().getParent();
  }

  private static Path node() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "node");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("node is not on PATH: launcher/bin/setup --test installs Node.js");
  }
}

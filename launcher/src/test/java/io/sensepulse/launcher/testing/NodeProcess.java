package io.sensepulse.launcher.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A Sense Pulse node in its own JVM, started from the real pulse.jar: either with the test classes
 * on the class path, for test verticles ({@link #start}), or as users run a hub ({@link #startHub}).
 * Completes {@link #started()} when the node prints the line that says it is up.
 */
public final class NodeProcess implements AutoCloseable {
  public static final Path JAR = Path.of(System.getProperty("pulse.jar", "target/pulse.jar"));
  /** A hub's gateway logs this once its port is open: from then on it can be browsed. */
  public static final String LISTENING = "Gateway listening on port";
  /** The same opens the jar manifest carries, needed because the JVM is started with -cp. */
  public static final List<String> JVM_FLAGS = List.of(
      "-Xss512k", "-Dhazelcast.wait.seconds.before.join=0",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  private final Process process;
  private final String name;
  private final Predicate<String> upLine;
  private final Path log;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final StringBuffer output = new StringBuffer();
  private final Thread reader;

  private NodeProcess(Process process, String name, Predicate<String> upLine, Path log) {
    this.process = process;
    this.name = name;
    this.upLine = upLine;
    this.log = log;
    reader = new Thread(this::read, "node-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  public static NodeProcess start(String name, List<String> pulseArgs, Map<String, String> env) throws IOException {
    String classpath = JAR + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(classpath);
    command.add("io.sensepulse.launcher.Pulse");
    command.addAll(pulseArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Every node serves HTTP (the hub's gateway, a recorder's node API): a port of its own unless given.
    builder.environment().put("PULSE_HTTP_PORT", String.valueOf(io.sensepulse.common.testing.RedisServer.freePort()));
    builder.environment().putAll(env);
    return new NodeProcess(builder.start(), name,
        line -> line.startsWith("Sense Pulse ") && line.contains(" started"), null);
  }

  /**
   * The hub as users run it, java -jar pulse.jar hub, in dataDir and configured by the environment
   * alone (no conf/pulse.json there): node id, HTTP port, Redis and data folder, plus settings.
   * Started once it logs {@link #LISTENING}. Its output is kept in memory only.
   */
  public static NodeProcess startHub(String nodeId, int port, String redisUrl, Path dataDir, Map<String, String> settings)
      throws IOException {
    return startHub(nodeId, port, redisUrl, dataDir, settings, null);
  }

  /** {@link #startHub(String, int, String, Path, Map)} with the output also copied to log, line by line. */
  public static NodeProcess startHub(String nodeId, int port, String redisUrl, Path dataDir, Map<String, String> settings,
      Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(java(), "-Xss512k", "-Xmx384m", "-jar", JAR.toAbsolutePath().toString(), "hub")
        .directory(dataDir.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(Map.of(
        "PULSE_NODE_ID", nodeId,
        "PULSE_HTTP_PORT", String.valueOf(port),
        "PULSE_REDIS_URL", redisUrl,
        "PULSE_DATA_DIR", dataDir.toString()));
    builder.environment().putAll(settings);
    return new NodeProcess(builder.start(), log == null ? "hub" : log.toString(), line -> line.contains(LISTENING), log);
  }

  public CompletableFuture<Void> started() {
    return started;
  }

  /** Waits for {@link #started()}; if it does not come in time, kills the node and fails with its last lines. */
  public void awaitStarted(long seconds) throws InterruptedException, ExecutionException {
    try {
      started.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      kill();
      fail(name + " did not say it is up within " + seconds + " s" + tail());
    }
  }

  public long pid() {
    return process.pid();
  }

  public String output() {
    return output.toString();
  }

  /** The last lines of the output, to append to a failure message. */
  public String tail() {
    String[] lines = output().split("\n", -1);
    int end = lines.length - 1;
    return "\n--- " + name + " (last lines)\n" + String.join("\n", List.of(lines).subList(Math.max(0, end - 40), end));
  }

  /**
   * A normal stop (SIGTERM), as when the service is stopped; fails if the node has not ended 30 s
   * later. The output is complete afterwards.
   */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
      fail(name + " did not stop within 30 s of SIGTERM" + tail());
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
  }

  /** SIGKILL: the node dies without leaving the cluster. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         Writer copy = log == null ? Writer.nullWriter() : Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.append(line).append('\n');
        // Flushed each line: the file is for reading while the test runs or after it was killed.
        copy.write(line + "\n");
        copy.flush();
        if (upLine.test(line)) {
          started.complete(null);
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
    started.completeExceptionally(new IllegalStateException(name + " exited before it was up:\n" + output));
  }
}

package io.sensepulse.launcher.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Sense Pulse node in its own JVM, started from the real pulse.jar (plus the test classes, for
 * test verticles). Completes {@link #started()} when the node prints its start line.
 */
public final class NodeProcess implements AutoCloseable {
  /** The same opens the jar manifest carries, needed because the JVM is started with -cp. */
  public static final List<String> JVM_FLAGS = List.of(
      "-Xss512k", "-Dhazelcast.wait.seconds.before.join=0",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  private final Process process;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final StringBuffer output = new StringBuffer();

  private NodeProcess(Process process, String name) {
    this.process = process;
    Thread reader = new Thread(() -> read(process), "node-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  public static NodeProcess start(String name, List<String> pulseArgs, Map<String, String> env) throws IOException {
    Path jar = Path.of(System.getProperty("pulse.jar", "target/pulse.jar"));
    String classpath = jar + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(classpath);
    command.add("io.sensepulse.launcher.Pulse");
    command.addAll(pulseArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    return new NodeProcess(builder.start(), name);
  }

  public CompletableFuture<Void> started() {
    return started;
  }

  public long pid() {
    return process.pid();
  }

  public String output() {
    return output.toString();
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

  private void read(Process process) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith("Sense Pulse ") && line.contains(" started")) {
          started.complete(null);
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
    started.completeExceptionally(new IllegalStateException("node exited before starting:\n" + output));
  }
}

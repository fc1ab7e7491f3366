package io.sensepulse.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server on a free loopback port, in a temporary folder, for tests. Installed by the
 * project's test script (Debian's redis-server). {@link #stop()} kills it; {@link #start()} brings
 * it back on the same port, which is how the reconnect tests take Redis away and return it.
 * As a JUnit extension ({@code @RegisterExtension static final RedisServer redis =
 * RedisServer.perTestClass();}) it runs for the whole test class.
 */
public final class RedisServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  public static RedisServer startNew() {
    RedisServer server = perTestClass();
    server.start();
    return server;
  }

  /** Not started yet: the extension starts it before the class's tests and kills it after them. */
  public static RedisServer perTestClass() {
    try {
      return new RedisServer(freePort(), Files.createTempDirectory("pulse-redis"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** See {@link FreePorts}: a port for a server started later, which no outgoing connection can take meanwhile. */
  public static int freePort() {
    return FreePorts.next();
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts redis-server and returns once it logs that it accepts connections. */
  public void start() {
    try {
      process = new ProcessBuilder(List.of(
              "redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
              "--appendonly", "no", "--dir", dir.toString(), "--loglevel", "notice"))
          .redirectErrorStream(true)
          .start();
      if (ChildProcesses.awaitReady(process, line -> line.contains("Ready to accept connections"), "redis-output")) {
        return;
      }
      throw new IllegalStateException("redis-server exited before accepting connections (is it installed?)");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
    }
  }

  /** Kills the server at once, as a crash would. */
  public void stop() {
    if (process != null) {
      ChildProcesses.kill(process);
      process = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}

package io.sensepulse.bench;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.node.NodeAgentVerticle;
import io.sensepulse.common.store.StoreVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one ephemeral source cycle as the orchestrator drives it: a deploy request to the node
 * agent, the source's poll (a local fake answering at once), its readings and status written
 * through the store verticle into a real Redis, {@code pulse.sources.run-done}, and the
 * self-undeploy. A cycle ends when run-done has arrived AND the deployment is gone. Prints
 * p50/p99/max and cycles per second after a warm-up. Redis: {@code PULSE_REDIS_URL}, else a
 * private redis-server on a free port, killed at the end.
 * Usage: EphemeralCycle [cycles=1000]
 */
public final class EphemeralCycle {
  private static final String NODE = "bench";
  private static final String VERTICLE = "source.bench";
  private static final int WARM_UP = 100;
  private static final long STUCK_MS = 2000;

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    String redisUrl = System.getenv("PULSE_REDIS_URL");
    Process redis = null;
    Path redisDir = null;
    if (redisUrl == null || redisUrl.isBlank()) {
      redisDir = Files.createTempDirectory("pulse-bench-redis");
      int port = freePort();
      redis = startRedis(port, redisDir);
      redisUrl = "redis://127.0.0.1:" + port;
    }
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject node = new JsonObject()
          .put(PulseSettings.NODE_ID, NODE)
          .put(PulseSettings.REDIS_URL, redisUrl);
      vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions().setConfig(node.copy())).await();
      vertx.deployVerticle(new NodeAgentVerticle(), new DeploymentOptions().setConfig(node.copy()
          .put(NodeAgentVerticle.CATALOG, new JsonObject().put(VERTICLE, BenchSourceVerticle.class.getName())))).await();

      Runner runner = new Runner(vertx, cycles);
      // The loop runs on an event loop of its own; each cycle starts from a fresh task, never from the
      // previous cycle's stack.
      vertx.runOnContext(v -> runner.next());
      long[] times = runner.done.future().await();

      int warmUp = Math.min(WARM_UP, cycles / 2);
      // Cycles whose deployment outlived run-done by STUCK_MS were undeployed by the bench, as the
      // orchestrator does after source_timeout; they are counted apart, not timed.
      long[] measured = Arrays.stream(times, warmUp, cycles).filter(t -> t >= 0).toArray();
      long total = Arrays.stream(measured).sum();
      Arrays.sort(measured);
      System.out.printf("ephemeral-cycle: %d cycles of deploy -> poll (local fake, 4 readings) -> store write (real Redis) -> run-done -> undeployed, first %d as warm-up%n",
          cycles, warmUp);
      System.out.printf("ephemeral-cycle: p50 %.3f ms  p99 %.3f ms  max %.3f ms  mean %.3f ms  (n=%d)%n",
          millis(percentile(measured, 50)), millis(percentile(measured, 99)), millis(measured[measured.length - 1]),
          millis(total / measured.length), measured.length);
      System.out.printf("ephemeral-cycle: %.0f cycles/s back to back (%d deployments left after the loop)%n",
          measured.length / (total / 1e9), vertx.deploymentIDs().size() - 2);
      System.out.printf("ephemeral-cycle: %d of %d cycles did not undeploy themselves within %d ms of run-done (%d of them after warm-up); the bench undeployed those through pulse.node.%s.undeploy. Instances stopped: %d of %d deployed.%n",
          runner.stuck, cycles, STUCK_MS, Arrays.stream(times, warmUp, cycles).filter(t -> t < 0).count(), NODE,
          BenchSourceVerticle.STOPPED.get(), cycles);
    } finally {
      vertx.close().await();
      if (redis != null) {
        redis.destroyForcibly();
        redis.waitFor(10, TimeUnit.SECONDS);
        deleteTree(redisDir);
      }
    }
  }

  /** Drives the cycles one after another; every callback runs on the runner's context. */
  private static final class Runner {
    final Vertx vertx;
    final int cycles;
    final long[] times;
    final Promise<long[]> done = Promise.promise();
    final Map<String, Promise<Void>> pending = new HashMap<>();
    int index;
    int stuck;

    Runner(Vertx vertx, int cycles) {
      this.vertx = vertx;
      this.cycles = cycles;
      this.times = new long[cycles];
      vertx.eventBus().<JsonObject>consumer(Addresses.SOURCE_RUN_DONE, message -> {
        JsonObject body = message.body();
        Promise<Void> runDone = pending.remove(body.getString("run"));
        if (runDone == null) {
          return;
        }
        if (body.getBoolean("ok", false)) {
          runDone.complete();
        } else {
          runDone.fail("run failed: " + body.getString("error"));
        }
      });
    }

    void next() {
      if (index == cycles) {
        done.complete(times);
        return;
      }
      int cycle = index++;
      String run = "bench-" + cycle;
      Promise<Void> runDone = Promise.promise();
      pending.put(run, runDone);
      long started = System.nanoTime();
      Future<String> deployed = vertx.eventBus().<JsonObject>request(Addresses.nodeDeploy(NODE), new JsonObject()
              .put("verticle", VERTICLE)
              .put("config", new JsonObject().put("run", run).put("refresh_interval", 30)))
          .map(reply -> reply.body().getString("deploymentId"));
      Future.all(deployed, runDone.future())
          .compose(both -> gone(deployed.result())
              .map(true)
              .recover(stillThere -> {
                stuck++;
                return vertx.eventBus().request(Addresses.nodeUndeploy(NODE),
                    new JsonObject().put("deploymentId", deployed.result())).map(false);
              }))
          .onComplete(clean -> {
            times[cycle] = clean ? System.nanoTime() - started : -1;
            // A fresh task: the next cycle never grows this one's stack.
            vertx.runOnContext(v -> next());
          }, error -> done.tryFail(new IllegalStateException("cycle " + cycle + ": " + error.getMessage(), error)));
    }

    /** Completes once the deployment has left vertx.deploymentIDs(), checking on every turn of this loop. */
    Future<Void> gone(String deploymentId) {
      Promise<Void> promise = Promise.promise();
      check(deploymentId, promise, System.nanoTime());
      return promise.future();
    }

    private void check(String deploymentId, Promise<Void> promise, long since) {
      if (!vertx.deploymentIDs().contains(deploymentId)) {
        promise.complete();
      } else if (System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(STUCK_MS)) {
        promise.fail("deployment " + deploymentId + " still there " + STUCK_MS + " ms after run-done");
      } else {
        vertx.runOnContext(v -> check(deploymentId, promise, since));
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** redis-server on the port in the folder, as the tests' RedisServer runs it; returns once it accepts connections. */
  static Process startRedis(int port, Path dir) throws IOException {
    Process process = new ProcessBuilder(List.of(
            "redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", dir.toString(), "--loglevel", "notice"))
        .redirectErrorStream(true)
        .start();
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = output.readLine()) != null) {
      if (line.contains("Ready to accept connections")) {
        Thread drain = new Thread(() -> {
          try {
            while (output.readLine() != null) {
              // discard: keeps the pipe from filling
            }
          } catch (IOException ignored) {
            // the server ended
          }
        }, "redis-output");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    throw new IllegalStateException("redis-server exited before accepting connections (is it installed?)");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static long percentile(long[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}

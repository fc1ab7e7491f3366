package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.testing.NodeProcess;
import io.sensepulse.launcher.testing.NodeScript;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source cards in a real browser against a real hub (sign-in off, system source polled every
 * second, Pi-hole failing every second): every source's card with its state, a CO2 tile changing colour band, a history chart, and the
 * orchestrator's commands. The CO2 reading comes the way a process outside the JVM sends one: a
 * {@code source:aranet_test:office:co2} key and {@code PUBLISH data:aranet_test}. The first value is
 * there before the page opens, so the page finds the source in its snapshot. Protocol: see sources.mjs.
 */
class SourcesDashboardIT {
  private static final long OVERALL_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(150);
  private static final long HUB_START_TIMEOUT_S = 60;
  private static final String SOURCE = "aranet_test";
  private static final String SENSOR = "office:co2";

  @Test
  void cardsChartsCo2BandsAndCommands(@TempDir Path dataDir) throws Exception {
    Path outputDir = NodeScript.prepareBrowserTest("sources-dashboard-it");
    long deadline = System.currentTimeMillis() + OVERALL_TIMEOUT_MS;
    int port = RedisServer.freePort();
    Vertx vertx = Vertx.vertx();
    try (RedisServer redis = RedisServer.startNew()) {
      RedisAPI polyglot = RedisAPI.api(Redis.createClient(vertx, redis.url()));
      NodeProcess hub = null;
      NodeScript script = null;
      try {
        writeCo2(polyglot, 800);
        // Pi-hole scheduled at a port where nothing listens: a source whose runs fail, for the error badge.
        Map<String, String> settings = Map.of("SCHEDULE_SYSTEM", "1", "SCHEDULE_PIHOLE", "1",
            "PIHOLE_HOST", "http://127.0.0.1:" + RedisServer.freePort());
        hub = NodeProcess.startHub("hub-it", port, redis.url(), dataDir, settings, outputDir.resolve("hub.log"));
        hub.awaitStarted(HUB_START_TIMEOUT_S);
        script = NodeScript.start("sources.mjs", "http://127.0.0.1:" + port + "/", outputDir.resolve("sources.png").toString());

        boolean sawOk = false;
        for (Optional<String> line = script.next(deadline); line.isPresent(); line = script.next(deadline)) {
          switch (line.get()) {
            case "READY_FOR_POOR" -> {
              writeCo2(polyglot, 1500);
              script.println("published");
            }
            case "OK" -> sawOk = true;
            default -> {
              // diagnostics from the script, kept in the transcript
            }
          }
        }
        assertTrue(script.waitFor(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS),
            "sources.mjs did not exit:\n" + script.transcript());
        assertEquals(0, script.exitValue(), "sources.mjs failed:\n" + script.transcript() + hub.tail());
        assertTrue(sawOk, "sources.mjs exited without OK:\n" + script.transcript());
      } finally {
        if (script != null) {
          script.close();
        }
        if (hub != null) {
          hub.kill();
        }
      }
    } finally {
      vertx.close().await();
    }
  }

  /** What the original Python services do: the key (60 s TTL) with the reading, then a PUBLISH carrying it. */
  private static void writeCo2(RedisAPI redis, int ppm) throws Exception {
    JsonObject reading = new JsonObject().put("value", ppm).put("unit", "ppm").put("timestamp", System.currentTimeMillis() / 1000.0);
    redis.set(List.of("source:" + SOURCE + ":" + SENSOR, reading.encode(), "EX", "60"))
        .compose(done -> redis.publish("data:" + SOURCE,
            new JsonObject().put("readings", new JsonObject().put(SENSOR, reading)).encode()))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.testing.FakePihole;
import io.sensepulse.launcher.testing.NodeProcess;
import io.sensepulse.launcher.testing.NodeScript;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source cards in a real browser against a real hub (sign-in off, system source polled every
 * second, Tailscale failing every second): every source's card with its state, a CO2 tile changing
 * colour band, a history chart, and the orchestrator's commands. The CO2 reading comes the way a
 * process outside the JVM sends one: a {@code source:aranet_test:office:co2} key and
 * {@code PUBLISH data:aranet_test}. The first value is there before the page opens, so the page finds
 * the source in its snapshot. Pi-hole is a fake answering recorded payloads, polled every second,
 * whose blocking the page switches off and on. The hub has a fake Sense HAT (a /sys tree with the
 * HAT's framebuffer name and its lps25h, a regular file as the framebuffer), so the real Sense HAT
 * verticle runs and the page mirrors its matrix. Protocol: see sources.mjs.
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
        FakePihole pihole = new FakePihole().start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Path hat = fakeSenseHat(dataDir.resolve("hat"));
        Map<String, String> settings = Map.ofEntries(
            Map.entry("SCHEDULE_SYSTEM", "1"),
            Map.entry("SCHEDULE_PIHOLE", "1"),
            Map.entry("PIHOLE_HOST", pihole.url()),
            Map.entry("PIHOLE_PASSWORD", FakePihole.PASSWORD),
            // Tailscale scheduled with no tailscaled behind its socket: a source whose runs fail, for the error badge.
            Map.entry("SCHEDULE_TAILSCALE", "1"),
            Map.entry("TAILSCALE_SOCKET", dataDir.resolve("no-tailscaled.sock").toString()),
            Map.entry("PULSE_SYS_ROOT", hat.resolve("sys").toString()),
            Map.entry("PULSE_DEV_ROOT", hat.resolve("dev").toString()),
            // The first page's icon stays a minute, and there is no night: the mirror shows the thermometer.
            Map.entry("ICON_DURATION", "60"),
            Map.entry("SLEEP_START", "0"),
            Map.entry("SLEEP_END", "0"));
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

  /**
   * A Sense HAT as the kernel shows it: the rpisense-fb framebuffer's name and the lps25h pressure
   * sensor under sys/, and a regular file in place of dev/fb1.
   */
  private static Path fakeSenseHat(Path root) throws IOException {
    write(root.resolve("sys/class/graphics/fb1/name"), "RPi-Sense FB\n");
    Path lps25h = root.resolve("sys/bus/iio/devices/iio:device0");
    write(lps25h.resolve("name"), "lps25h-press\n");
    write(lps25h.resolve("in_pressure_raw"), "4136960\n");
    write(lps25h.resolve("in_pressure_scale"), "0.000024414\n");
    write(lps25h.resolve("in_temp_raw"), "-2880\n");
    write(lps25h.resolve("in_temp_offset"), "20400\n");
    write(lps25h.resolve("in_temp_scale"), "2.083333333\n");
    write(root.resolve("dev/fb1"), "");
    return root;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
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

package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.testing.NodeProcess;
import io.sensepulse.launcher.testing.NodeScript;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
  private static final long OVERALL_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(180);
  private static final long HUB_START_TIMEOUT_S = 60;

  @Test
  void dashboardShowsLiveReadingsAndTheHubGoingAndComingBack(@TempDir Path dataDir) throws Exception {
    Path outputDir = NodeScript.prepareBrowserTest("dashboard-it");

    long deadline = System.currentTimeMillis() + OVERALL_TIMEOUT_MS;
    int port = RedisServer.freePort();
    try (RedisServer redis = RedisServer.startNew()) {
      NodeProcess hub = null;
      NodeScript script = null;
      try {
        hub = startHub(port, redis.url(), dataDir, outputDir.resolve("hub-1.log"));
        script = NodeScript.start("dashboard.mjs", "http://127.0.0.1:" + port + "/", outputDir.resolve("dashboard.png").toString());

        boolean sawOk = false;
        for (Optional<String> line = script.next(deadline); line.isPresent(); line = script.next(deadline)) {
          switch (line.get()) {
            case "READY_FOR_STOP" -> {
              hub.stop();
              script.println("stopped");
            }
            case "READY_FOR_START" -> {
              hub = startHub(port, redis.url(), dataDir, outputDir.resolve("hub-2.log"));
              script.println("started");
            }
            case "OK" -> sawOk = true;
            default -> {
              // diagnostics from the script, kept in the transcript
            }
          }
        }
        assertTrue(script.waitFor(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS),
            "dashboard.mjs did not exit:\n" + script.transcript());
        assertEquals(0, script.exitValue(), "dashboard.mjs failed:\n" + script.transcript() + hub.tail());
        assertTrue(sawOk, "dashboard.mjs exited without OK:\n" + script.transcript());
      } finally {
        // Before Redis goes: the hub would only log its loss.
        if (script != null) {
          script.close();
        }
        if (hub != null) {
          hub.kill();
        }
      }
    }
  }

  private static NodeProcess startHub(int port, String redisUrl, Path dataDir, Path log) throws Exception {
    NodeProcess hub = NodeProcess.startHub("hub-it", port, redisUrl, dataDir, Map.of("SCHEDULE_SYSTEM", "1"), log);
    hub.awaitStarted(HUB_START_TIMEOUT_S);
    return hub;
  }
}

package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.testing.NodeProcess;
import io.sensepulse.launcher.testing.NodeScript;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in on the dashboard in a real browser against a real hub with sign-in on (one operator from
 * AUTH_USERNAME / AUTH_PASSWORD_HASH, anonymous viewing allowed): webroot/test/signin.mjs signs in,
 * changes the system source's refresh interval, signs out and checks that the settings controls are
 * gone and that the hub refuses a write. Steps: see signin.mjs.
 */
class SignInDashboardIT {
  private static final long SCRIPT_TIMEOUT_S = 120;
  private static final long HUB_START_TIMEOUT_S = 60;
  private static final String OPERATOR = "coach";
  private static final String PASSWORD = "correct horse battery staple";
  /** Below the hub's default cost so that the hub checks a sign-in quickly; still a real bcrypt hash. */
  private static final int TEST_BCRYPT_COST = 6;

  @Test
  void operatorSignsInChangesASettingAndSignsOut(@TempDir Path dataDir) throws Exception {
    Path outputDir = NodeScript.prepareBrowserTest("signin-it");
    String hash = BCrypt.withDefaults().hashToString(TEST_BCRYPT_COST, PASSWORD.toCharArray());

    int port = RedisServer.freePort();
    try (RedisServer redis = RedisServer.startNew()) {
      NodeProcess hub = null;
      NodeScript script = null;
      try {
        hub = NodeProcess.startHub("hub-signin-it", port, redis.url(), dataDir, Map.of(
            "AUTH_ENABLED", "true",
            "AUTH_ANONYMOUS_READ", "true",
            "AUTH_USERNAME", OPERATOR,
            "AUTH_PASSWORD_HASH", hash,
            // A Pi-hole card (its runs fail: nothing listens there), for its blocking switch, which only operators get.
            "SCHEDULE_PIHOLE", "1",
            "PIHOLE_HOST", "http://127.0.0.1:" + RedisServer.freePort()), outputDir.resolve("hub.log"));
        hub.awaitStarted(HUB_START_TIMEOUT_S);

        script = NodeScript.start("signin.mjs", "http://127.0.0.1:" + port + "/", OPERATOR, PASSWORD, outputDir.toString());
        if (!script.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS)) {
          fail("signin.mjs did not finish within " + SCRIPT_TIMEOUT_S + " s:\n" + script.transcript() + hub.tail());
        }
        assertEquals(0, script.exitValue(), "signin.mjs failed:\n" + script.transcript() + hub.tail());
        assertTrue(script.printed("OK"), "signin.mjs exited without OK:\n" + script.transcript());
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
}

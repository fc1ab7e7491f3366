package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A hub that cannot start says why and ends, rather than hanging. */
class FailedStartTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRoleVerticleThatRefusesToStartFailsTheNodeWithItsReason(@TempDir Path dataDir) throws Exception {
    JsonObject config = new JsonObject()
        .put(PulseSettings.ROLE, "hub")
        .put(PulseSettings.NODE_ID, "hub-failing")
        .put(PulseSettings.HTTP_PORT, 0)
        // No Redis: the gateway falls back to the seeded sign-in, which is enabled without a valid hash.
        .put(PulseSettings.REDIS_URL, "redis://127.0.0.1:1")
        .put(PulseSettings.DATA_DIR, dataDir.toString())
        .put(PulseSettings.SECTIONS, new JsonObject().put("auth", new JsonObject().put("enabled", true)
            .put("users", new JsonArray().add(new JsonObject().put("username", "coach").put("password_hash", "nope")))));
    ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> NodeLauncher.start(config, false).toCompletionStage().toCompletableFuture().get(50, TimeUnit.SECONDS));
    String message = failed.getCause().getMessage();
    assertTrue(message.contains("cannot start gateway") && message.contains("bcrypt"), message);
  }
}

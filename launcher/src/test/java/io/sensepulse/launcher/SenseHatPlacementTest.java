package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.node.VerticleCatalog;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sense HAT source runs on the node whose framebuffer is the HAT's, and nowhere else. */
class SenseHatPlacementTest {

  @Test
  void aNodeWithTheHatRunsItsSource(@TempDir Path root) throws Exception {
    Path sys = root.resolve("sys");
    Files.createDirectories(sys.resolve("class/graphics/fb0"));
    Files.writeString(sys.resolve("class/graphics/fb0/name"), "bcm2708_fb\n");
    Files.createDirectories(sys.resolve("class/graphics/fb1"));
    Files.writeString(sys.resolve("class/graphics/fb1/name"), "RPi-Sense FB\n");
    assertEquals(true, deploysSenseHat(root, sys));
  }

  @Test
  void aNodeWithoutItDoesNot(@TempDir Path root) throws Exception {
    Path sys = root.resolve("sys");
    Files.createDirectories(sys.resolve("class/graphics/fb0"));
    Files.writeString(sys.resolve("class/graphics/fb0/name"), "bcm2708_fb\n");
    assertEquals(false, deploysSenseHat(root, sys));
  }

  private static boolean deploysSenseHat(Path root, Path sys) throws Exception {
    Files.createDirectories(root.resolve("dev"));
    JsonObject config = new JsonObject()
        .put(PulseSettings.ROLE, "recorder")
        .put(PulseSettings.NODE_ID, "CAM_C")
        .put(PulseSettings.SYS_ROOT, sys.toString())
        .put("dev_root", root.resolve("dev").toString())
        .put(PulseSettings.DATA_DIR, root.toString())
        .put(PulseSettings.HTTP_PORT, io.sensepulse.common.testing.RedisServer.freePort());
    NodeLauncher.Node node = NodeLauncher.start(config, false).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    try {
      JsonObject listed = node.vertx().eventBus().<JsonObject>request(Addresses.nodeList("CAM_C"), new JsonObject())
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
      return listed.getJsonArray("verticles").stream()
          .anyMatch(v -> VerticleCatalog.SENSE_HAT.equals(((JsonObject) v).getString("verticle")));
    } finally {
      node.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }
}

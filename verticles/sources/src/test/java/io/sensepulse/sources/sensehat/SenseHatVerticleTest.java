package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sensepulse.common.Addresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verticle on a fake HAT: hts221 disabled, a regular file as the framebuffer, a FIFO as the
 * joystick, and stand-ins for the store's bus addresses.
 */
@ExtendWith(VertxExtension.class)
class SenseHatVerticleTest {
  @TempDir
  Path root;

  /** Completes once the file holds exactly {@code bytes}; checked every 10 ms, as the matrix is written on its own ticks. */
  private static Future<Void> holds(Vertx vertx, Path file, byte[] bytes) {
    Promise<Void> seen = Promise.promise();
    vertx.setPeriodic(0, 10, timer -> vertx.fileSystem().readFile(file.toString()).onSuccess(content -> {
      if (Arrays.equals(content.getBytes(), bytes)) {
        vertx.cancelTimer(timer);
        seen.tryComplete();
      }
    }));
    return seen.future();
  }

  @Test
  void readsShowsAndTurnsThePageWithTheJoystick(Vertx vertx, VertxTestContext test) throws Exception {
    Path sys = root.resolve("sys");
    Path dev = root.resolve("dev");
    HatTrees.writeLps25h(sys, 0);
    HatTrees.writeCpuTemperature(sys, "51000\n");
    HatTrees.write(sys.resolve("class/graphics/fb1/name"), "RPi-Sense FB\n");
    HatTrees.write(sys.resolve("class/input/event2/device/name"), "Raspberry Pi Sense HAT Joystick\n");
    Path fb = dev.resolve("fb1");
    HatTrees.write(fb, "");
    Path joystick = dev.resolve("input/event2");
    Files.createDirectories(joystick.getParent());
    assertEquals(0, new ProcessBuilder("mkfifo", joystick.toString()).start().waitFor());

    Promise<JsonObject> readings = Promise.promise();
    Promise<JsonObject> status = Promise.promise();
    Promise<JsonObject> press = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.STORE_READINGS, message -> {
      readings.tryComplete(message.body());
      message.reply(null);
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.STORE_STATUS, message -> {
      status.tryComplete(message.body());
      message.reply(new JsonObject());
    });
    vertx.eventBus().<JsonObject>consumer(io.sensepulse.common.Addresses.SENSE_HAT_JOYSTICK, message -> press.tryComplete(message.body()));

    JsonObject config = new JsonObject()
        .put("node_id", "test-node")
        .put("sys_root", sys.toString())
        .put(SenseHatVerticle.DEV_ROOT, dev.toString())
        .put(SenseHatConfig.SECTION, new JsonObject()
            .put("scroll_speed", 0.02).put("icon_duration", 60).put("sleep_start", 0).put("sleep_end", 0));
    int recordSize = JoystickEvents.recordSize(System.getProperty("os.arch"));
    byte[] tapRight = JoystickEventsTest.tap(recordSize, 106);

    vertx.deployVerticle(new SenseHatVerticle(), new DeploymentOptions().setConfig(config))
        .compose(id -> Future.all(readings.future(), status.future(), holds(vertx, fb, Icons.THERMOMETER.toRgb565()))
            .compose(first -> {
              test.verify(() -> {
                JsonObject written = readings.future().result();
                assertEquals("sense_hat", written.getString("source"));
                JsonObject sensors = written.getJsonObject("readings");
                assertEquals(26.8, sensors.getJsonObject("temperature").getDouble("value"));
                assertEquals(36.5, sensors.getJsonObject("temperature_raw").getDouble("value"));
                assertEquals(1010.0, sensors.getJsonObject("pressure").getDouble("value"));
                assertEquals("hPa", sensors.getJsonObject("pressure").getString("unit"));
                assertFalse(sensors.containsKey("humidity"));
                JsonObject fields = status.future().result().getJsonObject("status");
                assertEquals(new JsonArray().add("hts221"), fields.getJsonArray("missing"));
                assertEquals("persistent", fields.getString("pattern"));
              });
              // Opening a FIFO for writing waits for the reader, so it runs off the event loop.
              return vertx.executeBlocking(() -> {
                try (OutputStream out = Files.newOutputStream(joystick)) {
                  out.write(tapRight);
                }
                return null;
              });
            })
            .compose(tapped -> Future.all(press.future(), holds(vertx, fb, Icons.GAUGE.toRgb565())))
            .compose(turned -> vertx.undeploy(id)))
        .compose(undeployed -> vertx.fileSystem().readFile(fb.toString()))
        .onComplete(test.succeeding(off -> test.verify(() -> {
          JsonObject pressed = press.future().result();
          assertEquals("right", pressed.getString("key"));
          assertEquals("pressed", pressed.getString("action"));
          assertArrayEquals(new byte[Frame.BYTES], off.getBytes(), "the matrix goes dark when undeployed");
          test.completeNow();
        })));
  }
}

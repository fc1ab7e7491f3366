package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.store.StoreVerticle;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sense HAT verticle against the hub's real store and Redis: a change of {@code config:sense_hat}
 * announced on config.changed reaches the running matrix, the mirror and the board LEDs. A fake HAT
 * (lps25h only, a regular file as the framebuffer, a fake /sys/class/leds) and a fixed clock.
 */
@ExtendWith(VertxExtension.class)
class SenseHatLiveSettingsTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private static final byte[] DARK = new byte[Frame.BYTES];

  @TempDir
  Path root;
  private Path sys;
  private Path fb;

  @BeforeEach
  void fakeHat() throws IOException {
    sys = root.resolve("sys");
    HatTrees.writeLps25h(sys, 0);
    HatTrees.writeCpuTemperature(sys, "51000\n");
    HatTrees.write(sys.resolve("class/graphics/fb1/name"), "RPi-Sense FB\n");
    HatTrees.writeBoardLeds(sys);
    fb = root.resolve("dev/fb1");
    HatTrees.write(fb, "");
  }

  @Test
  void rotationAndSleepWindowApplyWithoutARedeploy(Vertx vertx, VertxTestContext test) {
    // The icon stays (60 s) so that every frame drawn is the thermometer until a setting changes it.
    JsonObject section = new JsonObject().put("scroll_speed", 0.02).put("icon_duration", 60)
        .put("sleep_start", 0).put("sleep_end", 0);
    Promise<Void> mirrored = Promise.promise();
    String rotatedHex = Icons.THERMOMETER.rotated(90).toHex();
    vertx.eventBus().<JsonObject>consumer(Addresses.SENSE_HAT_MATRIX, message -> {
      if (rotatedHex.equals(message.body().getString("frame")) && message.body().getValue("timestamp") instanceof Number) {
        mirrored.tryComplete();
      }
    });
    Store store = Store.create(vertx, redis.url());
    store.start()
        .compose(started -> store.putConfig(SenseHatConfig.SECTION, section))
        .compose(put -> deploy(vertx, at(12, 0), section))
        .compose(id -> holds(vertx, fb, Icons.THERMOMETER.toRgb565()))
        .compose(shown -> change(vertx, store, section.copy().put("display_rotation", 90)))
        .compose(changed -> Future.all(holds(vertx, fb, Icons.THERMOMETER.rotated(90).toRgb565()), mirrored.future()))
        // Noon falls in the new window: the matrix goes dark at once.
        .compose(rotated -> change(vertx, store, section.copy().put("display_rotation", 90).put("sleep_start", 12).put("sleep_end", 13)))
        .compose(changed -> holds(vertx, fb, DARK))
        // A section the matrix cannot show is refused, named in the status, and the settings stay.
        .compose(dark -> change(vertx, store, section.copy().put("display_rotation", 45)))
        .compose(changed -> until(vertx, () -> store.status(SenseHatVerticle.ID),
            status -> status != null && status.getString("config_error") != null))
        .compose(status -> vertx.fileSystem().readFile(fb.toString()).map(content -> {
          test.verify(() -> {
            assertEquals("sense_hat.display_rotation must be 0, 90, 180 or 270, got 45", status.getString("config_error"));
            assertArrayEquals(DARK, content.getBytes(), "still asleep: the refused section changed nothing");
          });
          return content;
        }))
        .eventually(store::close)
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void boardLedsGoDarkForTheNightAndComeBackAfterIt(Vertx vertx, VertxTestContext test) {
    JsonObject night = new JsonObject().put("scroll_speed", 0.02).put("sleep_start", 23).put("sleep_end", 7)
        .put("disable_pi_leds", true);
    Store store = Store.create(vertx, redis.url());
    store.start()
        .compose(started -> store.putConfig(SenseHatConfig.SECTION, night))
        .compose(put -> deploy(vertx, at(2, 0), night))
        .compose(id -> ledsOff(vertx)
            .compose(off -> until(vertx, () -> store.status(SenseHatVerticle.ID),
                status -> status != null && "off".equals(status.getString("pi_leds"))))
            .compose(status -> {
              test.verify(() -> assertEquals(0, status.getJsonArray("pi_leds_warnings").size()));
              // 02:00 is outside a 03:00-04:00 window: the night is over for the LEDs.
              return change(vertx, store, night.copy().put("sleep_start", 3).put("sleep_end", 4));
            })
            .compose(changed -> ledsAsBefore(vertx))
            // The kernel lists every trigger again, the selected one in brackets, where the fake holds the word written.
            .compose(restored -> vertx.executeBlocking(() -> {
              HatTrees.writeBoardLeds(sys);
              return null;
            }))
            .compose(relisted -> change(vertx, store, night))
            .compose(changed -> ledsOff(vertx))
            .compose(off -> vertx.undeploy(id)))
        .compose(undeployed -> ledsAsBefore(vertx))
        .compose(restored -> holds(vertx, fb, DARK))
        .eventually(store::close)
        .onComplete(test.succeedingThenComplete());
  }

  private Future<String> deploy(Vertx vertx, Clock clock, JsonObject section) {
    JsonObject config = new JsonObject()
        .put(PulseSettings.NODE_ID, "test-node")
        .put(PulseSettings.SYS_ROOT, sys.toString())
        .put(SenseHatVerticle.DEV_ROOT, root.resolve("dev").toString())
        .put(SenseHatConfig.SECTION, section);
    return vertx.deployVerticle(new StoreVerticle(),
            new DeploymentOptions().setConfig(new JsonObject().put(PulseSettings.REDIS_URL, redis.url())))
        .compose(store -> vertx.deployVerticle(new SenseHatVerticle(clock), new DeploymentOptions().setConfig(config)));
  }

  /** What the dashboard's PUT does: the section stored, then config.changed. */
  private static Future<Void> change(Vertx vertx, Store store, JsonObject section) {
    return store.putConfig(SenseHatConfig.SECTION, section)
        .onSuccess(put -> vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new JsonObject().put("section", SenseHatConfig.SECTION)));
  }

  private static Clock at(int hour, int minute) {
    ZoneId zone = ZoneId.systemDefault();
    return Clock.fixed(LocalDate.now(zone).atTime(LocalTime.of(hour, minute)).atZone(zone).toInstant(), zone);
  }

  private Future<Void> ledsOff(Vertx vertx) {
    return Future.all(
        fileIs(vertx, "ACT/trigger", "none"), fileIs(vertx, "ACT/brightness", "0"),
        fileIs(vertx, "PWR/trigger", "none"), fileIs(vertx, "PWR/brightness", "0")).mapEmpty();
  }

  private Future<Void> ledsAsBefore(Vertx vertx) {
    return Future.all(fileIs(vertx, "ACT/trigger", "mmc0"), fileIs(vertx, "PWR/brightness", "255")).mapEmpty();
  }

  private Future<Void> fileIs(Vertx vertx, String led, String text) {
    String file = sys.resolve(BoardLeds.LEDS).resolve(led).toString();
    return until(vertx, () -> vertx.fileSystem().readFile(file).map(content -> content.toString().trim()), text::equals)
        .mapEmpty();
  }

  private static Future<Void> holds(Vertx vertx, Path file, byte[] bytes) {
    return until(vertx, () -> vertx.fileSystem().readFile(file.toString()).map(content -> content.getBytes()),
        content -> Arrays.equals(content, bytes)).mapEmpty();
  }

  /** Completes with the first value read that passes; read every 10 ms, as the matrix changes on its own ticks. */
  private static <T> Future<T> until(Vertx vertx, java.util.function.Supplier<Future<T>> read, Predicate<T> passes) {
    Promise<T> seen = Promise.promise();
    vertx.setPeriodic(0, 10, timer -> read.get().onSuccess(value -> {
      if (passes.test(value)) {
        vertx.cancelTimer(timer);
        seen.tryComplete(value);
      }
    }));
    return seen.future();
  }
}

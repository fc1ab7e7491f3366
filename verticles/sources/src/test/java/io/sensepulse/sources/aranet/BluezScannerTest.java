package io.sensepulse.sources.aranet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The scanner against python3-dbusmock's BlueZ on a private bus. */
@ExtendWith(VertxExtension.class)
class BluezScannerTest {
  static final String MAC = "AA:BB:CC:DD:EE:01";
  static final String STALE_MAC = "AA:BB:CC:DD:EE:02";

  @TempDir
  Path dir;
  private BluezStandIn bus;

  @BeforeEach
  void startBus() throws Exception {
    bus = new BluezStandIn(dir);
  }

  @AfterEach
  void stopBus() throws Exception {
    bus.close();
  }

  /**
   * Adds hci0 with two Aranet4s, fixes the stand-in's placeholder ManufacturerData (its signature is
   * aa{qv}, not a{qv}), and once discovery has started sends a fresh advert for {@link #MAC} only.
   */
  static CompletableFuture<Void> twoSensorsOneAdvertising(BluezStandIn bus, Path dir) throws Exception {
    bus.startBluez(dir.resolve("bluez.log"));
    String adapter = bus.mock().addAdapter("hci0", "pulse-test");
    String heard = bus.mock().addDevice("hci0", MAC, "Aranet4 12345");
    String stale = bus.mock().addDevice("hci0", STALE_MAC, "Aranet4 54321");
    bus.advertise(heard, Hex.decode(Vectors.ARANET4_NO_INTEGRATIONS), -90);
    bus.advertise(stale, Hex.decode(Vectors.ARANET4), -90);
    return bus.discoveryStarted(adapter).thenRun(() -> {
      try {
        bus.advertise(heard, Hex.decode(Vectors.ARANET4), -61);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void reportsOnlyDevicesHeardDuringTheScanWithTheirLatestAdvert(Vertx vertx, VertxTestContext test) throws Exception {
    CompletableFuture<Void> advertised = twoSensorsOneAdvertising(bus, dir);
    new BluezScanner(vertx, bus.address()).scan(Duration.ofSeconds(3))
        .onComplete(test.succeeding(adverts -> test.verify(() -> {
          assertTrue(advertised.isDone() && !advertised.isCompletedExceptionally(), "the advert was sent");
          assertEquals(1, adverts.size(), adverts.toString());
          Advert advert = adverts.get(0);
          assertEquals(MAC, advert.mac());
          assertEquals("Aranet4 12345", advert.name());
          assertEquals(-61, advert.rssi());
          assertArrayEquals(Hex.decode(Vectors.ARANET4), advert.manufacturerData().get(AranetAdverts.COMPANY_ID));
          assertEquals(1091, AranetAdverts.parse(advert.manufacturerData().get(AranetAdverts.COMPANY_ID),
              advert.name()).co2());
          test.completeNow();
        })));
    assertTrue(test.awaitCompletion(30, TimeUnit.SECONDS));
  }

  @Test
  void noBluezOnTheBusIsAClearError(Vertx vertx, VertxTestContext test) {
    new BluezScanner(vertx, bus.address()).scan(Duration.ofMillis(100))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertTrue(error.getMessage().startsWith("BlueZ is not available on D-Bus (is the bluetooth service"
              + " installed and running?)"), error.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void noAdapterIsAClearError(Vertx vertx, VertxTestContext test) throws Exception {
    bus.startBluez(dir.resolve("bluez.log"));
    new BluezScanner(vertx, bus.address()).scan(Duration.ofMillis(100))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals("no Bluetooth adapter: BlueZ lists none (is one plugged in, and not blocked by rfkill?)",
              error.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void noBusIsAClearError(Vertx vertx, VertxTestContext test) {
    String missing = "unix:path=" + dir.resolve("no-such-socket");
    new BluezScanner(vertx, missing).scan(Duration.ofMillis(100))
        .onComplete(test.failing(error -> test.verify(() -> {
          assertTrue(error.getMessage().startsWith("cannot connect to D-Bus " + missing + " (is dbus running?)"),
              error.getMessage());
          test.completeNow();
        })));
  }
}

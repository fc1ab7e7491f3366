package io.sensepulse.sources.aranet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.store.StoreVerticle;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The verticle as the orchestrator runs it: store on a real redis-server, BlueZ as dbusmock on a private bus. */
@ExtendWith(VertxExtension.class)
class Aranet4SourceVerticleTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

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

  private JsonObject config(String... sensors) {
    JsonArray list = new JsonArray();
    for (int i = 0; i < sensors.length; i += 2) {
      list.add(new JsonObject().put("label", sensors[i]).put("mac", sensors[i + 1]));
    }
    return new JsonObject().put("node_id", "test-node").put("redis_url", redis.url())
        .put(AranetConfig.SECTION, new JsonObject().put("sensors", list).put("timeout", 3).put("bus_address", bus.address()));
  }

  private Future<Store> deployStoreAndConnect(Vertx vertx) {
    return vertx.deployVerticle(new StoreVerticle(),
            new DeploymentOptions().setConfig(new JsonObject().put("node_id", "test-node").put("redis_url", redis.url())))
        .compose(id -> Store.create(vertx, redis.url()).start());
  }

  /** Deploys the source for one run and waits for its run-done message. */
  private static Future<JsonObject> run(Vertx vertx, JsonObject config, String run) {
    Promise<JsonObject> done = Promise.promise();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, message -> {
      if (run.equals(message.body().getString("run"))) {
        done.tryComplete(message.body());
      }
    });
    return consumer.completion()
        .compose(registered -> vertx.deployVerticle(new Aranet4SourceVerticle(),
            new DeploymentOptions().setConfig(config.copy().put("run", run).put("refresh_interval", 60))))
        .compose(id -> done.future())
        .eventually(consumer::unregister);
  }

  @Test
  void heardSensorGivesFiveReadingsAndUnheardIsSkipped(Vertx vertx, VertxTestContext test) throws Exception {
    BluezScannerTest.twoSensorsOneAdvertising(bus, dir);
    JsonObject config = config("office", BluezScannerTest.MAC, "bedroom", BluezScannerTest.STALE_MAC);
    deployStoreAndConnect(vertx).compose(store -> run(vertx, config, "r1")
            .compose(done -> Future.all(Future.succeededFuture(done), store.readings(Aranet4Source.ID),
                store.status(Aranet4Source.ID)))
            .onComplete(checked -> store.close()))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          JsonObject done = all.resultAt(0);
          assertEquals(true, done.getBoolean("ok"), done.encode());
          JsonObject stored = all.resultAt(1);
          assertEquals(List.of("office:battery", "office:co2", "office:humidity", "office:pressure",
              "office:temperature"), stored.fieldNames().stream().sorted().toList());
          assertEquals(1091, stored.getJsonObject("office:co2").getInteger("value"));
          assertEquals("ppm", stored.getJsonObject("office:co2").getString("unit"));
          assertEquals(20.8, stored.getJsonObject("office:temperature").getDouble("value"));
          assertEquals("mbar", stored.getJsonObject("office:pressure").getString("unit"));
          JsonObject status = all.resultAt(2);
          assertEquals(5, status.getInteger("readings"));
          assertNotNull(status.getDouble("last_success"));
          test.completeNow();
        })));
    assertTrue(test.awaitCompletion(60, TimeUnit.SECONDS));
  }

  @Test
  void integrationsOffFailsTheRunWithWhatToDo(Vertx vertx, VertxTestContext test) throws Exception {
    bus.startBluez(dir.resolve("bluez.log"));
    String adapter = bus.mock().addAdapter("hci0", "pulse-test");
    String device = bus.mock().addDevice("hci0", BluezScannerTest.MAC, "Aranet4 12345");
    bus.advertise(device, Hex.decode(Vectors.ARANET4), -70);
    bus.discoveryStarted(adapter).thenRun(() -> {
      try {
        bus.advertise(device, Hex.decode(Vectors.ARANET4_NO_INTEGRATIONS), -70);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    deployStoreAndConnect(vertx).compose(store -> run(vertx, config("office", BluezScannerTest.MAC), "r1")
            .compose(done -> Future.all(Future.succeededFuture(done), store.status(Aranet4Source.ID),
                store.readings(Aranet4Source.ID)))
            .onComplete(checked -> store.close()))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          JsonObject done = all.resultAt(0);
          assertEquals(false, done.getBoolean("ok"));
          String error = ((JsonObject) all.resultAt(1)).getString("last_error");
          assertEquals("office (" + BluezScannerTest.MAC + "): " + AranetJson.INTEGRATIONS_OFF, error);
          assertTrue(((JsonObject) all.resultAt(2)).isEmpty(), "nothing written");
          test.completeNow();
        })));
    assertTrue(test.awaitCompletion(60, TimeUnit.SECONDS));
  }

  @Test
  void scanModeListsNearbyDevicesForScanCo2(Vertx vertx, VertxTestContext test) throws Exception {
    BluezScannerTest.twoSensorsOneAdvertising(bus, dir);
    Aranet4SourceVerticle.scan(vertx, config()).onComplete(test.succeeding(document -> test.verify(() -> {
      JsonArray devices = document.getJsonArray("devices");
      assertEquals(1, devices.size(), document.encode());
      JsonObject device = devices.getJsonObject(0);
      assertEquals("Aranet4 12345", device.getString("name"));
      assertEquals(BluezScannerTest.MAC, device.getString("mac"));
      assertEquals(-61, device.getInteger("rssi"));
      assertEquals(1091, device.getJsonObject("readings").getInteger("co2"));
      assertFalse(device.containsKey("error"));
      test.completeNow();
    })));
    assertTrue(test.awaitCompletion(60, TimeUnit.SECONDS));
  }

  @Test
  void theScanJobKeepsNearbyDevicesInScanCo2AndRepliesWithThem(Vertx vertx, VertxTestContext test) throws Exception {
    BluezScannerTest.twoSensorsOneAdvertising(bus, dir);
    JsonObject config = config().put("mode", Aranet4SourceVerticle.SCAN_JOB).put("job", new JsonObject());
    deployStoreAndConnect(vertx).compose(store -> run(vertx, config, "s1")
            .compose(done -> Future.all(Future.succeededFuture(done), store.scan(Aranet4SourceVerticle.SCAN_KIND)))
            .onComplete(checked -> store.close()))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          JsonObject done = all.resultAt(0);
          assertEquals(true, done.getBoolean("ok"), done.encode());
          JsonObject result = done.getJsonObject("result");
          assertEquals(BluezScannerTest.MAC, result.getJsonArray("devices").getJsonObject(0).getString("mac"));
          assertEquals(result, all.resultAt(1));
          test.completeNow();
        })));
    assertTrue(test.awaitCompletion(60, TimeUnit.SECONDS));
  }
}

package io.sensepulse.sources.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.store.StoreVerticle;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The verticle as the orchestrator runs it, against a fake tailscaled socket and the store on a real redis-server. */
@ExtendWith(VertxExtension.class)
class TailscaleSourceVerticleTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  @TempDir
  Path dir;

  private Future<Store> deployStoreAndConnect(Vertx vertx) {
    return vertx.deployVerticle(new StoreVerticle(),
            new DeploymentOptions().setConfig(new JsonObject().put("node_id", "test-node").put("redis_url", redis.url())))
        .compose(id -> Store.create(vertx, redis.url()).start());
  }

  /** Deploys the source for one run and waits for its run-done message. */
  private static Future<JsonObject> run(Vertx vertx, Path socket, String run) {
    Promise<JsonObject> done = Promise.promise();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, message -> {
      if (run.equals(message.body().getString("run"))) {
        done.tryComplete(message.body());
      }
    });
    JsonObject config = new JsonObject().put("run", run).put("refresh_interval", 60)
        .put("tailscale", new JsonObject().put("socket", socket.toString()));
    return consumer.completion()
        .compose(registered -> vertx.deployVerticle(new TailscaleSourceVerticle(), new DeploymentOptions().setConfig(config)))
        .compose(id -> done.future())
        .eventually(consumer::unregister);
  }

  @Test
  void aRunStoresTheReadingsThenAFailingDaemonIsRecordedAsTheLastError(Vertx vertx, VertxTestContext test) {
    deployStoreAndConnect(vertx).compose(store -> FakeTailscaled.start(vertx, dir,
            FakeTailscaled.answering(200, "application/json", Recorded.read(Recorded.RUNNING)))
        .compose(fake -> run(vertx, fake.socket, "ok").compose(ok -> {
          test.verify(() -> assertEquals(true, ok.getBoolean("ok")));
          return Future.all(store.readings(TailscaleSource.ID), store.status(TailscaleSource.ID));
        }).compose(first -> {
          test.verify(() -> {
            JsonObject readings = first.resultAt(0);
            assertEquals("Running", readings.getJsonObject("backend_state").getString("value"));
            assertEquals(4, readings.getJsonObject("peers_total").getInteger("value"));
            assertEquals(2, readings.getJsonObject("peers_online").getInteger("value"));
            assertEquals(4, new io.vertx.core.json.JsonArray(readings.getJsonObject("peers").getString("value")).size());
            JsonObject status = first.resultAt(1);
            assertNotNull(status.getDouble("last_success"));
            assertNull(status.getValue("last_error"));
          });
          // tailscaled goes away: the next run records why and nothing crashes.
          return fake.close().compose(closed -> run(vertx, dir.resolve("gone.sock"), "gone"));
        }))
        .compose(gone -> {
          test.verify(() -> assertFalse(gone.getBoolean("ok")));
          return store.status(TailscaleSource.ID);
        })
        .eventually(store::close))
        .onComplete(test.succeeding(status -> test.verify(() -> {
          assertEquals("tailscaled socket not found at " + dir.resolve("gone.sock") + " (is tailscaled running?)",
              status.getString("last_error"));
          assertNotNull(status.getDouble("last_success"), "the earlier success stays on record");
          test.completeNow();
        })));
  }
}

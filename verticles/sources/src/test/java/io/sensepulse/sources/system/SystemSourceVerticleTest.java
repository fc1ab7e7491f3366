package io.sensepulse.sources.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.RedisKeys;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.store.StoreVerticle;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.CompositeFuture;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The verticle as the orchestrator runs it: store verticle on a real redis-server, one run per deployment. */
@ExtendWith(VertxExtension.class)
class SystemSourceVerticleTest {
  private static final List<String> WRITTEN = List.of(
      "cpu_percent", "memory_percent", "memory_available_mb", "load_1m", "load_5m", "load_15m", "uptime",
      "disk_percent", "disk_free_gb", "cpu_temperature", "throttled", "under_voltage", "freq_capped", "throttling",
      "soft_temp_limit", "under_voltage_occurred", "freq_capped_occurred", "throttling_occurred",
      "soft_temp_limit_occurred");

  @TempDir
  Path root;
  private RedisServer redis;

  @BeforeEach
  void startRedis() {
    redis = RedisServer.startNew();
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  private JsonObject nodeConfig(Path proc, Path sys) {
    return new JsonObject()
        .put("node_id", "test-node")
        .put("redis_url", redis.url())
        .put("proc_root", proc.toString())
        .put("sys_root", sys.toString())
        .put("data_dir", root.toString());
  }

  private record Run(String deploymentId, JsonObject done) {}

  /** Deploys the source for one run and waits for its run-done message. */
  private static Future<Run> run(Vertx vertx, JsonObject config, String run) {
    Promise<JsonObject> done = Promise.promise();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, message -> {
      if (run.equals(message.body().getString("run"))) {
        done.tryComplete(message.body());
      }
    });
    return consumer.completion()
        .compose(registered -> vertx.deployVerticle(new SystemSourceVerticle(),
            new DeploymentOptions().setConfig(config.copy().put("run", run).put("refresh_interval", 30))))
        .compose(id -> done.future().map(body -> new Run(id, body)))
        .eventually(consumer::unregister);
  }

  /** Completes once the deployment is gone; undeploying follows the run-done message asynchronously. */
  private static Future<Void> undeployed(Vertx vertx, String deploymentId) {
    Promise<Void> gone = Promise.promise();
    vertx.setPeriodic(0, 10, timer -> {
      if (!vertx.deploymentIDs().contains(deploymentId)) {
        vertx.cancelTimer(timer);
        gone.tryComplete();
      }
    });
    return gone.future();
  }

  private Future<Store> deployStoreAndConnect(Vertx vertx) {
    return vertx.deployVerticle(new StoreVerticle(),
            new DeploymentOptions().setConfig(new JsonObject().put("node_id", "test-node").put("redis_url", redis.url())))
        .compose(id -> Store.create(vertx, redis.url()).start());
  }

  @Test
  void runWritesReadingsAndStatusPublishesAndUndeploys(Vertx vertx, VertxTestContext test) throws IOException {
    Path proc = Fixtures.writeProc(root, Fixtures.PROC_STAT_A);
    Path sys = Fixtures.writePiSys(root);
    JsonObject config = nodeConfig(proc, sys);
    Promise<JsonObject> published = Promise.promise();

    deployStoreAndConnect(vertx).compose(store ->
        // r0 leaves its /proc/stat snapshot in the JVM; r1, a new deployment, measures CPU % since then.
        run(vertx, config, "r0")
            .compose(r0 -> vertx.fileSystem().writeFile(proc.resolve("stat").toString(), Buffer.buffer(Fixtures.PROC_STAT_B)))
            .compose(written -> vertx.eventBus().<JsonObject>consumer(Addresses.data(SystemSource.ID),
                message -> published.tryComplete(message.body())).completion())
            .compose(registered -> run(vertx, config, "r1"))
            .compose(r1 -> {
              test.verify(() -> {
                assertEquals("system", r1.done().getString("source"));
                assertEquals(true, r1.done().getBoolean("ok"));
                assertNull(r1.done().getString("error"));
              });
              return Future.all(
                      undeployed(vertx, r1.deploymentId()),
                      published.future(),
                      store.readings(SystemSource.ID),
                      store.status(SystemSource.ID),
                      Future.all(WRITTEN.stream().map(name -> store.ttl(RedisKeys.reading(SystemSource.ID, name))).toList()))
                  .onComplete(checked -> store.close());
            }))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          JsonObject data = all.resultAt(1);
          assertEquals("system", data.getString("source"));
          assertEquals(20.0, data.getJsonObject("readings").getJsonObject("cpu_percent").getDouble("value"));

          JsonObject stored = all.resultAt(2);
          assertEquals(WRITTEN.stream().sorted().toList(), stored.fieldNames().stream().sorted().toList());
          assertEquals(20.0, stored.getJsonObject("cpu_percent").getDouble("value"));
          assertEquals("%", stored.getJsonObject("cpu_percent").getString("unit"));
          assertEquals("0x50005", stored.getJsonObject("throttled").getString("value"));
          assertEquals("°C", stored.getJsonObject("cpu_temperature").getString("unit"));

          JsonObject status = all.resultAt(3);
          assertNotNull(status.getDouble("last_success"));
          assertNull(status.getValue("last_error"));
          assertEquals(19, status.getInteger("readings"));
          assertEquals("ephemeral", status.getString("pattern"));

          List<Long> ttls = ((CompositeFuture) all.resultAt(4)).list();
          ttls.forEach(ttl -> assertTrue(ttl > 0 && ttl <= 60, "TTL " + ttl));
          assertFalse(vertx.deploymentIDs().isEmpty(), "the store verticle stays");
          test.completeNow();
        })));
  }

  @Test
  void malformedProcStatFailsTheRunAndRecordsTheError(Vertx vertx, VertxTestContext test) throws IOException {
    Path proc = Fixtures.writeProc(root, "cpu  not numbers at all\nctxt 39432151\n");
    Path sys = Fixtures.writePiSys(root);
    String expectedError = proc.resolve("stat") + ": 'cpu' line: 'not' is not a tick count";

    deployStoreAndConnect(vertx).compose(store ->
            run(vertx, nodeConfig(proc, sys), "r1")
                .compose(r1 -> {
                  test.verify(() -> {
                    assertEquals(false, r1.done().getBoolean("ok"));
                    assertEquals(expectedError, r1.done().getString("error"));
                  });
                  return Future.all(undeployed(vertx, r1.deploymentId()), store.status(SystemSource.ID),
                          store.readings(SystemSource.ID))
                      .onComplete(checked -> store.close());
                }))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          JsonObject status = all.resultAt(1);
          assertEquals(expectedError, status.getString("last_error"));
          assertNotNull(status.getDouble("last_error_at"));
          assertFalse(status.containsKey("last_success"));
          assertTrue(((JsonObject) all.resultAt(2)).isEmpty(), "nothing written");
          test.completeNow();
        })));
  }
}

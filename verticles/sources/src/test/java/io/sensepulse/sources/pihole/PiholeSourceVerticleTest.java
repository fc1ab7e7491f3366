package io.sensepulse.sources.pihole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The verticle as the orchestrator runs it: store verticle on a real redis-server, a fake Pi-hole, one run per deployment. */
@ExtendWith(VertxExtension.class)
class PiholeSourceVerticleTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  /** Everything logged through java.util.logging while a test runs, to look for secrets in. */
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record.getMessage() + " " + record.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureLogs() {
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger("").removeHandler(capture);
  }

  private static Future<JsonObject> run(Vertx vertx, JsonObject pihole, String run) {
    return deploy(vertx, new JsonObject().put("pihole", pihole).put("refresh_interval", 30), run);
  }

  /** Deploys the verticle with {@code config} plus the run id and waits for that run's run-done. */
  private static Future<JsonObject> deploy(Vertx vertx, JsonObject config, String run) {
    Promise<JsonObject> done = Promise.promise();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, message -> {
      if (run.equals(message.body().getString("run"))) {
        done.tryComplete(message.body());
      }
    });
    return consumer.completion()
        .compose(registered -> vertx.deployVerticle(new PiholeSourceVerticle(),
            new DeploymentOptions().setConfig(config.put("run", run))))
        .compose(id -> done.future())
        .eventually(consumer::unregister);
  }

  private Future<Store> storeAndClient(Vertx vertx) {
    return vertx.deployVerticle(new StoreVerticle(),
            new DeploymentOptions().setConfig(new JsonObject().put("node_id", "test-node").put("redis_url", redis.url())))
        .compose(id -> Store.create(vertx, redis.url()).start());
  }

  private void assertNoSecret(String text) {
    assertFalse(text.contains(FakePihole.PASSWORD), text);
    assertFalse(text.contains(Recorded.SID), text);
  }

  @Test
  void aRunWritesReadingsAndStatusThenAFailedRunWritesTheErrorWithoutSecrets(Vertx vertx, VertxTestContext test) {
    FakePihole pihole = new FakePihole();
    pihole.start(vertx).compose(started -> storeAndClient(vertx)).compose(store -> {
      JsonObject section = new JsonObject().put("url", pihole.url()).put("password", FakePihole.PASSWORD);
      return run(vertx, section, "r1")
          .compose(ok -> {
            test.verify(() -> {
              assertEquals(true, ok.getBoolean("ok"));
              assertNull(ok.getString("error"));
            });
            return Future.all(store.readings(PiholeSource.ID), store.status(PiholeSource.ID));
          })
          .compose(first -> {
            test.verify(() -> {
              JsonObject readings = first.resultAt(0);
              assertEquals(Set.of("queries_today", "blocked_today", "percent_blocked", "domains_blocked", "clients",
                  "blocking", "api_version"), readings.fieldNames());
              assertEquals(23456, readings.getJsonObject("queries_today").getInteger("value"));
              assertEquals(14.73, readings.getJsonObject("percent_blocked").getDouble("value"));
              assertEquals("%", readings.getJsonObject("percent_blocked").getString("unit"));
              assertEquals("enabled", readings.getJsonObject("blocking").getString("value"));
              assertEquals("v6", readings.getJsonObject("api_version").getString("value"));
              JsonObject status = first.resultAt(1);
              assertNotNull(status.getValue("last_success"));
              assertNull(status.getValue("last_error"));
              assertEquals(7, status.getInteger("readings"));
              assertNoSecret(readings.encode() + status.encode());
            });
            // Pi-hole breaks, echoing the session in its error: neither it nor the password may reach the status.
            pihole.overrides.put("/api/stats/summary", FakePihole.Answer.json(500,
                "{\"error\":{\"key\":\"internal_error\",\"message\":\"" + Recorded.SID + "\",\"hint\":null},\"took\":0.0}"));
            return run(vertx, section, "r2");
          })
          .compose(failed -> {
            test.verify(() -> {
              assertEquals(false, failed.getBoolean("ok"));
              assertNoSecret(failed.encode());
            });
            return store.status(PiholeSource.ID);
          })
          .onComplete(checked -> store.close());
    }).onComplete(test.succeeding(status -> test.verify(() -> {
      assertTrue(status.getString("last_error").contains("/api/stats/summary answered HTTP 500"), status.encode());
      assertNotNull(status.getValue("last_error_at"));
      assertNoSecret(status.encode());
      logged.forEach(this::assertNoSecret);
      test.completeNow();
    })));
  }

  @Test
  void aWrongPasswordAndAMissingSectionEndInTheStatus(Vertx vertx, VertxTestContext test) {
    FakePihole pihole = new FakePihole();
    pihole.start(vertx).compose(started -> storeAndClient(vertx)).compose(store ->
        run(vertx, new JsonObject().put("url", pihole.url()).put("password", "not-" + FakePihole.PASSWORD), "w1")
            .compose(done -> store.status(PiholeSource.ID))
            .compose(wrong -> {
              test.verify(() -> {
                assertEquals("Pi-hole refused the password (password incorrect)", wrong.getString("last_error"));
                assertFalse(wrong.encode().contains("not-" + FakePihole.PASSWORD));
              });
              return run(vertx, null, "w2");
            })
            .compose(done -> store.status(PiholeSource.ID))
            .onComplete(checked -> store.close()))
        .onComplete(test.succeeding(missing -> test.verify(() -> {
          assertEquals("pihole is not configured: config:pihole needs at least a url", missing.getString("last_error"));
          test.completeNow();
        })));
  }

  @Test
  void theBlockingJobTurnsBlockingOffForAWhileAndRepliesWithoutSecrets(Vertx vertx, VertxTestContext test) {
    FakePihole pihole = new FakePihole();
    JsonObject section = new JsonObject();
    pihole.start(vertx).compose(started -> {
      section.put("url", pihole.url()).put("password", FakePihole.PASSWORD);
      return deploy(vertx, new JsonObject().put("pihole", section).put("mode", PiholeSourceVerticle.BLOCKING_JOB)
          .put("job", new JsonObject().put("enabled", false).put("timer", 300)), "b1");
    }).compose(done -> {
      test.verify(() -> {
        assertEquals(true, done.getBoolean("ok"), done.encode());
        assertEquals(new JsonObject().put("blocking", "disabled").put("timer", 300L), done.getJsonObject("result"));
        FakePihole.Seen change = pihole.seen.get(pihole.seen.size() - 1);
        assertEquals("/api/dns/blocking", change.uri());
        assertEquals(new JsonObject().put("blocking", false).put("timer", 300), new JsonObject(change.body()));
        assertNoSecret(done.encode());
      });
      return deploy(vertx, new JsonObject().put("pihole", section).put("mode", PiholeSourceVerticle.BLOCKING_JOB)
          .put("job", new JsonObject().put("enabled", "no")), "b2");
    }).onComplete(test.succeeding(refused -> test.verify(() -> {
      assertEquals(false, refused.getBoolean("ok"));
      assertEquals("'enabled' must be true or false", refused.getString("error"));
      logged.forEach(this::assertNoSecret);
      test.completeNow();
    })));
  }
}

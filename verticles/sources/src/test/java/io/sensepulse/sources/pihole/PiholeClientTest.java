package io.sensepulse.sources.pihole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.sources.pihole.FakePihole.Answer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against a local server answering with recorded Pi-hole payloads. */
@ExtendWith(VertxExtension.class)
class PiholeClientTest {

  private static PiholeConfig config(FakePihole pihole, String password, int timeoutMs) {
    return PiholeConfig.from(new JsonObject().put("url", pihole.url()).put("password", password).put("timeout_ms", timeoutMs));
  }

  /** A new client per poll, as each deployment of the ephemeral source makes. */
  private static Future<PiholeStats> poll(Vertx vertx, FakePihole pihole, String password, int timeoutMs) {
    PiholeConfig config = config(pihole, password, timeoutMs);
    WebClient web = WebClient.create(vertx, PiholeClient.options(config));
    return new PiholeClient(vertx, web, config).stats().onComplete(done -> web.close());
  }

  private static Future<PiholeStats> poll(Vertx vertx, FakePihole pihole) {
    return poll(vertx, pihole, FakePihole.PASSWORD, 5_000);
  }

  private static Future<FakePihole> pihole(Vertx vertx) {
    return new FakePihole().start(vertx);
  }

  /** Asserts the failure message and that no secret is in it. */
  private static void failsWith(VertxTestContext test, Future<?> result, String expected) {
    result.onComplete(test.failing(error -> test.verify(() -> {
      assertEquals(PiholeException.class, error.getClass());
      assertTrue(error.getMessage().contains(expected), error.getMessage());
      assertFalse(error.getMessage().contains(FakePihole.PASSWORD), error.getMessage());
      assertFalse(error.getMessage().contains(V5.token(FakePihole.PASSWORD)), error.getMessage());
      assertFalse(error.getMessage().contains(Recorded.SID), error.getMessage());
      test.completeNow();
    })));
  }

  @Test
  void v6LogsInWithThePasswordAndSendsTheSession(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> poll(vertx, pihole).onComplete(test.succeeding(stats -> test.verify(() -> {
      assertEquals(new PiholeStats("v6", 23456, 3456, 14.733969688415527, 124567, 17,
          new Blocking("enabled", Optional.empty())), stats);
      assertEquals(3, pihole.seen.size());
      FakePihole.Seen login = pihole.seen.get(0);
      assertEquals(HttpMethod.POST, login.method());
      assertEquals("/api/auth", login.uri());
      assertEquals(new JsonObject().put("password", FakePihole.PASSWORD), new JsonObject(login.body()));
      assertEquals("/api/stats/summary", pihole.seen.get(1).uri());
      assertEquals(Recorded.SID, pihole.seen.get(1).sid());
      assertEquals("/api/dns/blocking", pihole.seen.get(2).uri());
      assertEquals(Recorded.SID, pihole.seen.get(2).sid());
      test.completeNow();
    }))));
  }

  @Test
  void theSessionIsReusedByTheNextPoll(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> poll(vertx, pihole).compose(first -> poll(vertx, pihole))
        .onComplete(test.succeeding(second -> test.verify(() -> {
          assertEquals(1, pihole.count(HttpMethod.POST, "/api/auth"));
          assertEquals(2, pihole.count(HttpMethod.GET, "/api/stats/summary"));
          test.completeNow();
        }))));
  }

  @Test
  void aRefusedSessionLeadsToOneNewLogin(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> poll(vertx, pihole)
        .compose(first -> {
          pihole.sessionValid = false; // Pi-hole restarted or timed the session out
          return poll(vertx, pihole);
        })
        .onComplete(test.succeeding(second -> test.verify(() -> {
          assertEquals(2, pihole.count(HttpMethod.POST, "/api/auth"));
          assertEquals(3, pihole.count(HttpMethod.GET, "/api/stats/summary"));
          assertEquals(23456, second.queries());
          test.completeNow();
        }))));
  }

  @Test
  void anExpiredSessionIsNotSent(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      vertx.sharedData().<String, JsonObject>getLocalMap(PiholeClient.SESSIONS_MAP).put(pihole.url(),
          new JsonObject().put("sid", "stale").put("validity", 1800).put("expires_at", System.currentTimeMillis() - 1));
      return poll(vertx, pihole).onComplete(test.succeeding(stats -> test.verify(() -> {
        assertEquals("/api/auth", pihole.seen.get(0).uri());
        assertTrue(pihole.seen.stream().noneMatch(seen -> "stale".equals(seen.sid())));
        test.completeNow();
      })));
    });
  }

  @Test
  void theSessionIsDeletedOnShutdown(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> poll(vertx, pihole)
        .compose(polled -> vertx.deployVerticle(new PiholeSessionVerticle()))
        .compose(vertx::undeploy)
        .onComplete(test.succeeding(stopped -> test.verify(() -> {
          FakePihole.Seen last = pihole.seen.get(pihole.seen.size() - 1);
          assertEquals(HttpMethod.DELETE, last.method());
          assertEquals("/api/auth", last.uri());
          assertEquals(Recorded.SID, last.sid());
          assertFalse(pihole.sessionValid);
          assertTrue(vertx.sharedData().getLocalMap(PiholeClient.SESSIONS_MAP).isEmpty());
          test.completeNow();
        }))));
  }

  @Test
  void aPiholeWithoutPasswordNeedsNoSession(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.noPassword = true;
      return poll(vertx, pihole, "", 5_000).onComplete(test.succeeding(stats -> test.verify(() -> {
        assertEquals(23456, stats.queries());
        assertTrue(pihole.seen.stream().allMatch(seen -> seen.sid() == null));
        assertTrue(vertx.sharedData().getLocalMap(PiholeClient.SESSIONS_MAP).isEmpty());
        test.completeNow();
      })));
    });
  }

  @Test
  void aWrongPasswordIsReported(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      failsWith(test, poll(vertx, pihole, "wrong-one", 5_000), "Pi-hole refused the password (password incorrect)");
      return Future.succeededFuture();
    });
  }

  @Test
  void v5IsUsedWhenThereIsNoV6Api(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.v5 = true;
      return poll(vertx, pihole).onComplete(test.succeeding(stats -> test.verify(() -> {
        assertEquals(new PiholeStats("v5", 23456, 3456, 14.73397, 124567, 17, new Blocking("enabled", Optional.empty())),
            stats);
        assertEquals("/admin/api.php?summaryRaw&auth=" + V5.token(FakePihole.PASSWORD),
            pihole.seen.get(pihole.seen.size() - 1).uri());
        test.completeNow();
      })));
    });
  }

  @Test
  void v5RefusingTheTokenIsReported(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.v5 = true;
      failsWith(test, poll(vertx, pihole, "wrong-one", 5_000), "Pi-hole v5 answered [], as it does for a wrong or missing API token");
      return Future.succeededFuture();
    });
  }

  @Test
  void aServerErrorIsReported(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.overrides.put("/api/stats/summary", Answer.json(500,
          "{\"error\":{\"key\":\"internal_error\",\"message\":\"Internal server error\",\"hint\":null},\"took\":0.0}"));
      failsWith(test, poll(vertx, pihole), "/api/stats/summary answered HTTP 500: internal_error: Internal server error");
      return Future.succeededFuture();
    });
  }

  @Test
  void anErrorEchoingTheSessionDoesNotLeakIt(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.overrides.put("/api/dns/blocking", Answer.json(503,
          "{\"error\":{\"key\":\"busy\",\"message\":\"session " + Recorded.SID + " busy\",\"hint\":null},\"took\":0.0}"));
      failsWith(test, poll(vertx, pihole), "/api/dns/blocking answered HTTP 503: busy: session ******** busy");
      return Future.succeededFuture();
    });
  }

  @Test
  void aSilentPiholeTimesOut(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.overrides.put("/api/stats/summary", Answer.HANG);
      failsWith(test, poll(vertx, pihole, FakePihole.PASSWORD, 300), " did not answer within 300 ms");
      return Future.succeededFuture();
    });
  }

  /** Vert.x's own timeout message quotes the request URI, which holds the v5 token. */
  @Test
  void aSilentV5TimesOutWithoutShowingTheToken(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.v5 = true;
      pihole.overrides.put("/admin/api.php", Answer.HANG);
      failsWith(test, poll(vertx, pihole, FakePihole.PASSWORD, 300), " did not answer within 300 ms");
      return Future.succeededFuture();
    });
  }

  @Test
  void htmlInsteadOfJsonIsReported(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.overrides.put("/api/auth", Answer.html(200));
      pihole.overrides.put("/admin/api.php", Answer.html(200));
      failsWith(test, poll(vertx, pihole), "gave an answer this source cannot read: an HTML page, not JSON");
      return Future.succeededFuture();
    });
  }

  @Test
  void aWrongShapeIsReported(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.overrides.put("/api/stats/summary", Answer.json(200, "{\"queries\":[],\"took\":0.0}"));
      failsWith(test, poll(vertx, pihole), "cannot read: summary.queries is not a JSON object");
      return Future.succeededFuture();
    });
  }

  @Test
  void anUnreachablePiholeIsReported(Vertx vertx, VertxTestContext test) throws java.io.IOException {
    PiholeConfig config = PiholeConfig.from(new JsonObject()
        .put("url", "http://127.0.0.1:" + RedisServer.freePort()).put("password", FakePihole.PASSWORD));
    WebClient web = WebClient.create(vertx, PiholeClient.options(config));
    failsWith(test, new PiholeClient(vertx, web, config).stats(), "cannot reach Pi-hole at " + config.url());
  }

  @Test
  void commandsDisableForAWhileOnV6(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      PiholeConfig config = config(pihole, FakePihole.PASSWORD, 5_000);
      WebClient web = WebClient.create(vertx, PiholeClient.options(config));
      return new PiholeCommands(vertx, web, config).setBlocking(false, 300)
          .onComplete(test.succeeding(state -> test.verify(() -> {
            assertEquals(new JsonObject().put("blocking", "disabled").put("timer", 300L), state);
            FakePihole.Seen change = pihole.seen.get(pihole.seen.size() - 1);
            assertEquals(HttpMethod.POST, change.method());
            assertEquals("/api/dns/blocking", change.uri());
            assertEquals(Recorded.SID, change.sid());
            assertEquals(new JsonObject().put("blocking", false).put("timer", 300), new JsonObject(change.body()));
            web.close();
            test.completeNow();
          })));
    });
  }

  @Test
  void commandsOnV5(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      pihole.v5 = true;
      PiholeConfig config = config(pihole, FakePihole.PASSWORD, 5_000);
      WebClient web = WebClient.create(vertx, PiholeClient.options(config));
      PiholeCommands commands = new PiholeCommands(vertx, web, config);
      return commands.setBlocking(false, 60)
          .compose(disabled -> {
            test.verify(() -> {
              assertEquals(new JsonObject().put("blocking", "disabled").putNull("timer"), disabled);
              assertEquals("/admin/api.php?disable=60&auth=" + V5.token(FakePihole.PASSWORD),
                  pihole.seen.get(pihole.seen.size() - 1).uri());
            });
            return commands.setBlocking(true, null);
          })
          .onComplete(test.succeeding(enabled -> test.verify(() -> {
            assertEquals("enabled", enabled.getString("blocking"));
            assertEquals("/admin/api.php?enable&auth=" + V5.token(FakePihole.PASSWORD),
                pihole.seen.get(pihole.seen.size() - 1).uri());
            web.close();
            test.completeNow();
          })));
    });
  }

  @Test
  void commandsRefuseABadTimer(Vertx vertx, VertxTestContext test) {
    pihole(vertx).compose(pihole -> {
      PiholeConfig config = config(pihole, FakePihole.PASSWORD, 5_000);
      WebClient web = WebClient.create(vertx, PiholeClient.options(config));
      return new PiholeCommands(vertx, web, config).setBlocking(false, 0)
          .onComplete(test.failing(error -> test.verify(() -> {
            assertEquals("timer must be between 1 and 86400 seconds, got 0", error.getMessage());
            assertTrue(pihole.seen.isEmpty());
            web.close();
            test.completeNow();
          })));
    });
  }
}

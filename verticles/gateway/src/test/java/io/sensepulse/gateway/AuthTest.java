package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.Secrets;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.testing.FreePorts;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in, sessions, CSRF and the bridge's command access, against a real Redis. */
@ExtendWith(VertxExtension.class)
class AuthTest {
  private static final String OPERATOR = "olive";
  private static final String OPERATOR_PASSWORD = "correct horse";
  private static final String VIEWER = "victor";
  private static final String VIEWER_PASSWORD = "battery staple";
  private static final JsonObject SCHEDULE = new JsonObject().put("system", 30);

  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();
  private static String operatorHash;
  private static String viewerHash;

  private Vertx vertx;
  private Store store;
  private int port;
  private String deployment;
  /** Held for the whole test: Vert.x closes a client that is no longer referenced. */
  private WebSocketClient webSockets;

  @BeforeAll
  static void hashPasswords() {
    // Cost 4: the production cost of 12 would make each sign-in here take a second.
    operatorHash = BCrypt.withDefaults().hashToString(4, OPERATOR_PASSWORD.toCharArray());
    viewerHash = BCrypt.withDefaults().hashToString(4, VIEWER_PASSWORD.toCharArray());
  }

  static JsonObject authDocument(boolean anonymousRead) {
    return new JsonObject().put("enabled", true).put("anonymous_read", anonymousRead).put("users", new JsonArray()
        .add(new JsonObject().put("username", OPERATOR).put("password_hash", operatorHash).put("role", "operator"))
        .add(new JsonObject().put("username", VIEWER).put("password_hash", viewerHash).put("role", "viewer")));
  }

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    webSockets = vertx.createWebSocketClient();
    store = Store.create(vertx, redis.url());
    port = FreePorts.next();
    TestGateway.flush(vertx, redis)
        .compose(flushed -> store.start())
        .compose(started -> store.putConfig(ConfigSections.SCHEDULE, SCHEDULE))
        .compose(put -> store.putConfig(ConfigSections.AUTH, authDocument(true)))
        .compose(put -> deploy(new JsonObject()))
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void closeStore(VertxTestContext ctx) {
    store.close().onComplete(ctx.succeedingThenComplete());
  }

  private JsonObject config(JsonObject extra) {
    return new JsonObject()
        .put(PulseSettings.NODE_ID, "gateway-test")
        .put(PulseSettings.HTTP_PORT, port)
        .put(PulseSettings.REDIS_URL, redis.url())
        .put(PulseSettings.DATA_DIR, TestGateway.DATA_DIR)
        .mergeIn(extra);
  }

  private Future<Void> deploy(JsonObject extra) {
    return TestGateway.deployed(vertx, config(extra)).map(id -> {
      deployment = id;
      return null;
    });
  }

  private WebClientSession browser() {
    return WebClientSession.create(WebClient.create(vertx, new WebClientOptions().setDefaultPort(port)));
  }

  // ---- reading

  @Test
  void anonymousMayReadWhenAnonymousReadIsOn(VertxTestContext ctx) {
    WebClientSession anonymous = browser();
    anonymous.get("/api/readings").send()
        .map(response -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          return null;
        })
        .compose(checked -> me(anonymous))
        .map(me -> {
          assertEquals(new JsonObject().put("auth_enabled", true).put("anonymous_read", true).put("authenticated", false)
              .putNull("username").putNull("role").put("can_read", true).put("can_write", false), me);
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anonymousMayNotReadWhenAnonymousReadIsOff(VertxTestContext ctx) {
    WebClientSession anonymous = browser();
    setAuth(authDocument(false))
        .compose(applied -> anonymous.get("/api/readings").send())
        .map(response -> {
          ApiRoutesTest.assertError(response, 401, "sign in to view");
          return null;
        })
        .compose(checked -> anonymous.get("/metrics").send())
        .map(response -> {
          assertEquals(401, response.statusCode());
          return null;
        })
        .compose(checked -> anonymous.get("/health").send())
        .map(response -> {
          assertEquals(200, response.statusCode(), "/health stays open");
          return null;
        })
        .compose(checked -> webSockets.connect(bridgeOptions()))
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          assertTrue(error instanceof UpgradeRejectedException, error.toString());
          assertEquals(401, ((UpgradeRejectedException) error).getStatus());
          ctx.completeNow();
        })));
  }

  // ---- writing

  @Test
  void anonymousWritesAreRefusedAndChangeNothing(VertxTestContext ctx) {
    WebClientSession anonymous = browser();
    JsonObject schedule = new JsonObject().put("system", 5);
    JsonObject auth = new JsonObject().put("enabled", false);
    List<Supplier<Future<HttpResponse<Buffer>>>> writes = List.of(
        () -> write(anonymous, anonymous.put("/api/config/schedule"), schedule),
        () -> write(anonymous, anonymous.put("/api/config/auth"), auth),
        () -> write(anonymous, anonymous.post("/api/commands/orchestrator"), new JsonObject()),
        () -> write(anonymous, anonymous.post("/api/rig/start"), new JsonObject()));
    Future<Void> chain = me(anonymous).mapEmpty();
    for (Supplier<Future<HttpResponse<Buffer>>> send : writes) {
      chain = chain.compose(previous -> send.get()).map(response -> {
        ApiRoutesTest.assertError(response, 401, "sign in to make changes");
        return null;
      });
    }
    // Without the CSRF token the write is refused before anything else is looked at.
    chain
        .compose(done -> anonymous.put("/api/config/schedule").sendJsonObject(schedule))
        .map(response -> {
          ApiRoutesTest.assertError(response, 403, "CSRF");
          return null;
        })
        .compose(checked -> assertRedisUnchanged())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void viewerMayReadButNotWriteAndOperatorMayWrite(VertxTestContext ctx) {
    WebClientSession viewer = browser();
    WebClientSession operator = browser();
    JsonObject schedule = new JsonObject().put("system", 5);
    login(viewer, VIEWER, VIEWER_PASSWORD)
        .map(response -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals(new JsonObject().put("username", VIEWER).put("role", "viewer"), response.bodyAsJsonObject());
          String cookie = response.cookies().stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
          assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("; httponly"), cookie);
          assertTrue(cookie.contains("SameSite=Strict"), cookie);
          assertTrue(cookie.contains("Path=/"), cookie);
          assertFalse(cookie.contains("Secure"), "plain HTTP without cookie_secure: " + cookie);
          return null;
        })
        .compose(checked -> me(viewer))
        .map(me -> {
          assertTrue(me.getBoolean("authenticated"));
          assertEquals("viewer", me.getString("role"));
          assertTrue(me.getBoolean("can_read"));
          assertFalse(me.getBoolean("can_write"));
          return null;
        })
        .compose(checked -> write(viewer, viewer.put("/api/config/schedule"), schedule))
        .map(response -> {
          ApiRoutesTest.assertError(response, 403, "operators only");
          return null;
        })
        .compose(checked -> viewer.get("/api/config/auth").send())
        .map(response -> {
          ApiRoutesTest.assertError(response, 403, "operators only");
          return null;
        })
        .compose(checked -> browser().get("/api/config/auth").send())
        .map(response -> {
          ApiRoutesTest.assertError(response, 401, "sign in");
          return null;
        })
        .compose(checked -> assertRedisUnchanged())
        .compose(checked -> login(operator, OPERATOR, OPERATOR_PASSWORD))
        .compose(loggedIn -> write(operator, operator.put("/api/config/schedule"), schedule))
        .map(response -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          return null;
        })
        .compose(checked -> store.config(ConfigSections.SCHEDULE))
        .map(stored -> {
          assertEquals(schedule, stored);
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void writesWithoutTheRightCsrfTokenAreRefused(VertxTestContext ctx) {
    WebClientSession operator = browser();
    JsonObject schedule = new JsonObject().put("system", 5);
    login(operator, OPERATOR, OPERATOR_PASSWORD)
        .compose(loggedIn -> operator.put("/api/config/schedule").sendJsonObject(schedule))
        .map(response -> {
          ApiRoutesTest.assertError(response, 403, "CSRF");
          return null;
        })
        .compose(checked -> operator.put("/api/config/schedule").putHeader("X-XSRF-TOKEN", "forged.123.abc").sendJsonObject(schedule))
        .map(response -> {
          ApiRoutesTest.assertError(response, 403, "CSRF");
          return null;
        })
        .compose(checked -> assertRedisUnchanged())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void signInWithoutCsrfTokenIsRefused(VertxTestContext ctx) {
    browser().post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", OPERATOR).put("password", OPERATOR_PASSWORD))
        .map(response -> {
          ApiRoutesTest.assertError(response, 403, "CSRF");
          assertTrue(response.cookies().stream().noneMatch(c -> c.startsWith(Sessions.COOKIE + "=")), response.cookies().toString());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- signing in

  @Test
  void wrongPasswordAndUnknownUserGetTheSameRefusal(VertxTestContext ctx) {
    WebClientSession client = browser();
    login(client, OPERATOR, "wrong")
        .map(response -> {
          ApiRoutesTest.assertError(response, 401, AuthRoutes.WRONG);
          return null;
        })
        .compose(checked -> login(client, "mallory", OPERATOR_PASSWORD))
        .map(response -> {
          ApiRoutesTest.assertError(response, 401, AuthRoutes.WRONG);
          return null;
        })
        .compose(checked -> me(client))
        .map(me -> {
          assertFalse(me.getBoolean("authenticated"));
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void malformedSignInIs400(VertxTestContext ctx) {
    WebClientSession client = browser();
    me(client)
        .compose(token -> write(client, client.post("/api/auth/login"), new JsonObject().put("username", OPERATOR)))
        .map(response -> {
          ApiRoutesTest.assertError(response, 400, "password must be a string");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void repeatedFailuresFromOneAddressAreThrottledAndOthersAreNot(VertxTestContext ctx) {
    WebClientSession attacker = browser();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      chain = chain.compose(previous -> login(attacker, OPERATOR, "guess")).map(response -> {
        assertEquals(401, response.statusCode(), response.bodyAsString());
        return null;
      });
    }
    // A second loopback address is another client as far as the gateway can tell.
    WebClientSession neighbour = WebClientSession.create(WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setLocalAddress("127.0.0.2")));
    chain
        .compose(done -> login(attacker, OPERATOR, OPERATOR_PASSWORD))
        .map(response -> {
          ApiRoutesTest.assertError(response, 429, "too many");
          long retryAfter = Long.parseLong(response.getHeader("Retry-After"));
          assertTrue(retryAfter > 0 && retryAfter <= LoginThrottle.LOCKOUT_MS / 1000, "Retry-After " + retryAfter);
          assertEquals(retryAfter, response.bodyAsJsonObject().getLong("retry_after"));
          return null;
        })
        .compose(checked -> login(neighbour, OPERATOR, OPERATOR_PASSWORD))
        .map(response -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void signInIs409WhenSignInIsOff(VertxTestContext ctx) {
    WebClientSession client = browser();
    setAuth(new JsonObject().put("enabled", false))
        .compose(applied -> client.post("/api/auth/login")
            .sendJsonObject(new JsonObject().put("username", OPERATOR).put("password", OPERATOR_PASSWORD)))
        .map(response -> {
          ApiRoutesTest.assertError(response, 409, "sign-in is not enabled");
          return null;
        })
        .compose(checked -> me(client))
        .map(me -> {
          assertFalse(me.getBoolean("auth_enabled"));
          assertTrue(me.getBoolean("can_read"));
          assertTrue(me.getBoolean("can_write"));
          assertFalse(me.getBoolean("authenticated"));
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- sessions

  @Test
  void aSessionSurvivesAGatewayRestart(VertxTestContext ctx) {
    WebClientSession operator = browser();
    login(operator, OPERATOR, OPERATOR_PASSWORD)
        .compose(loggedIn -> vertx.undeploy(deployment))
        .compose(undeployed -> deploy(new JsonObject()))
        .compose(redeployed -> me(operator))
        .map(me -> {
          assertTrue(me.getBoolean("authenticated"), me.encode());
          assertEquals(OPERATOR, me.getString("username"));
          return null;
        })
        .compose(checked -> write(operator, operator.put("/api/config/schedule"), new JsonObject().put("system", 7)))
        .map(response -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void signingOutEndsTheSessionForGood(VertxTestContext ctx) {
    WebClientSession operator = browser();
    String[] oldCookie = new String[1];
    login(operator, OPERATOR, OPERATOR_PASSWORD)
        .map(loggedIn -> {
          oldCookie[0] = cookie(operator, Sessions.COOKIE);
          assertNotNull(oldCookie[0]);
          return null;
        })
        .compose(checked -> write(operator, operator.post("/api/auth/logout"), null))
        .map(response -> {
          assertEquals(204, response.statusCode(), response.bodyAsString());
          return null;
        })
        .compose(checked -> store.ttl(oldCookie[0]))
        .map(ttl -> {
          assertEquals(-2, ttl, "the session is gone from Redis");
          return null;
        })
        .compose(checked -> browser().get("/api/auth/me").putHeader("Cookie", Sessions.COOKIE + "=" + oldCookie[0]).send())
        .map(response -> {
          assertFalse(response.bodyAsJsonObject().getBoolean("authenticated"), response.bodyAsString());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void signInRenewsTheSessionIdAndStoresItWithItsTimeout(VertxTestContext ctx) {
    WebClientSession operator = browser();
    login(operator, OPERATOR, OPERATOR_PASSWORD)
        .compose(loggedIn -> store.ttl(cookie(operator, Sessions.COOKIE)))
        .map(ttl -> {
          long thirtyDays = 30L * 24 * 3600;
          assertTrue(ttl > thirtyDays - 60 && ttl <= thirtyDays, "session TTL " + ttl);
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- auth changes without a restart

  @Test
  void aRemovedUserLosesAccessAtOnce(VertxTestContext ctx) {
    WebClientSession operator = browser();
    WebClientSession viewer = browser();
    JsonObject withoutViewer = authDocument(true);
    withoutViewer.getJsonArray("users").remove(1);
    login(viewer, VIEWER, VIEWER_PASSWORD)
        .compose(loggedIn -> login(operator, OPERATOR, OPERATOR_PASSWORD))
        .compose(loggedIn -> write(operator, operator.put("/api/config/auth"), withoutViewer))
        .map(response -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          return null;
        })
        .compose(checked -> me(viewer))
        .map(me -> {
          assertFalse(me.getBoolean("authenticated"), me.encode());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void configChangedFromElsewhereIsAppliedWithoutARestart(VertxTestContext ctx) {
    WebClientSession anonymous = browser();
    anonymous.get("/api/readings").send()
        .map(response -> {
          assertEquals(200, response.statusCode());
          return null;
        })
        .compose(checked -> setAuth(authDocument(false)))
        .compose(applied -> anonymous.get("/api/readings").send())
        .map(response -> {
          assertEquals(401, response.statusCode());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- secrets in config

  @Test
  void authConfigIsReadRedactedAndARoundTripKeepsTheHashes(VertxTestContext ctx) {
    WebClientSession operator = browser();
    login(operator, OPERATOR, OPERATOR_PASSWORD)
        .compose(loggedIn -> operator.get("/api/config/auth").send())
        .map(response -> {
          assertEquals(200, response.statusCode());
          JsonObject read = response.bodyAsJsonObject();
          assertFalse(response.bodyAsString().contains(operatorHash));
          assertEquals(Secrets.REDACTED, read.getJsonArray("users").getJsonObject(0).getString("password_hash"));
          return read.put("anonymous_read", false);
        })
        .compose(read -> write(operator, operator.put("/api/config/auth"), read))
        .map(response -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertFalse(response.bodyAsString().contains(operatorHash), "the reply carries no hash");
          return null;
        })
        .compose(checked -> store.config(ConfigSections.AUTH))
        .map(stored -> {
          assertEquals(authDocument(false), stored);
          return null;
        })
        .compose(checked -> write(operator, operator.put("/api/config/auth"), authDocument(true)
            .put("users", new JsonArray().add(new JsonObject().put("username", "newbie").put("role", "operator")))))
        .map(response -> {
          ApiRoutesTest.assertError(response, 400, "needs a bcrypt password_hash");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theGatewayRefusesToStartWithSignInOnAndABadHash(VertxTestContext ctx) {
    String pasted = "hunter2-not-a-hash";
    JsonObject seed = new JsonObject().put("enabled", "true").put("users", new JsonArray()
        .add(new JsonObject().put("username", "admin").put("password_hash", pasted)));
    port = FreePorts.next();
    TestGateway.flush(vertx, redis)
        .compose(flushed -> deploy(new JsonObject().put(PulseSettings.SECTIONS, new JsonObject().put(ConfigSections.AUTH, seed))))
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          assertTrue(error.getMessage().contains("bcrypt password_hash"), error.getMessage());
          assertFalse(error.getMessage().contains(pasted), error.getMessage());
          ctx.completeNow();
        })));
  }

  // ---- the bridge

  @Test
  void anonymousAndViewerCommandsAreRefusedAndNeverReachTheBus(VertxTestContext ctx) {
    JsonObject sentinel = new JsonObject().put("sentinel", true);
    Promise<Object> firstOnBus = Promise.promise();
    WebClientSession viewer = browser();
    vertx.eventBus().consumer(Addresses.CMD_ORCHESTRATOR, msg -> firstOnBus.tryComplete(msg.body()));
    bridge(null)
        .compose(socket -> refusedCommand(socket, Addresses.CMD_ORCHESTRATOR))
        .compose(refused -> login(viewer, VIEWER, VIEWER_PASSWORD))
        .compose(loggedIn -> bridge(cookie(viewer, Sessions.COOKIE)))
        .compose(socket -> refusedCommand(socket, Addresses.CMD_ORCHESTRATOR))
        .map(refused -> {
          vertx.eventBus().send(Addresses.CMD_ORCHESTRATOR, sentinel);
          return null;
        })
        .compose(sent -> firstOnBus.future())
        .map(first -> {
          assertEquals(sentinel, first, "a refused command reached the bus");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anOperatorsCommandReachesTheOrchestratorAndTheReplyComesBack(VertxTestContext ctx) {
    WebClientSession operator = browser();
    vertx.eventBus().<JsonObject>consumer(Addresses.CMD_ORCHESTRATOR,
        msg -> msg.reply(new JsonObject().put("status", "ok").put("data", msg.body())));
    JsonObject command = new JsonObject().put("command", "trigger");
    login(operator, OPERATOR, OPERATOR_PASSWORD)
        .compose(loggedIn -> bridge(cookie(operator, Sessions.COOKIE)))
        .compose(socket -> {
          Future<JsonObject> refused = socket.next(frame -> "err".equals(frame.getString("type")));
          socket.send(new JsonObject().put("type", "send").put("address", Addresses.nodeDeploy("x")).put("body", command));
          return refused.map(error -> {
            assertEquals("rejected", error.getString("body"), "not a command address");
            return socket;
          });
        })
        .compose(socket -> {
          Future<JsonObject> reply = socket.next(frame -> "reply-1".equals(frame.getString("address")));
          socket.send(new JsonObject().put("type", "send").put("address", Addresses.CMD_ORCHESTRATOR)
              .put("body", command).put("replyAddress", "reply-1"));
          return reply;
        })
        .map(reply -> {
          assertEquals(new JsonObject().put("status", "ok").put("data", command), reply.getJsonObject("body"), reply.encode());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void crossOriginHandshakeIsRefusedEvenWithASession(VertxTestContext ctx) {
    WebClientSession operator = browser();
    login(operator, OPERATOR, OPERATOR_PASSWORD)
        .compose(loggedIn -> webSockets.connect(bridgeOptions()
            .addHeader("Cookie", Sessions.COOKIE + "=" + cookie(operator, Sessions.COOKIE))
            .addHeader("Origin", "http://evil.example")))
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          assertTrue(error instanceof UpgradeRejectedException, error.toString());
          assertEquals(403, ((UpgradeRejectedException) error).getStatus());
          ctx.completeNow();
        })));
  }

  @Test
  void aConfiguredOriginIsTheOnlyOneTheBridgeAccepts(VertxTestContext ctx) {
    port = FreePorts.next();
    String origin = "http://localhost:" + port;
    deploy(new JsonObject().put(WebSecuritySettings.HTTP_ORIGIN, origin))
        .compose(deployed -> webSockets.connect(bridgeOptions().addHeader("Origin", origin)))
        .compose(accepted -> {
          accepted.close();
          // Same origin as far as the request goes, but not the configured one: the hub's other name.
          String other = "http://127.0.0.1:" + port;
          return webSockets.connect(bridgeOptions().setHost("127.0.0.1").addHeader("Origin", other));
        })
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          assertTrue(error instanceof UpgradeRejectedException, error.toString());
          assertEquals(403, ((UpgradeRejectedException) error).getStatus());
          ctx.completeNow();
        })));
  }

  // ---- helpers

  /** Sends a command and expects the bridge to refuse it. */
  private static Future<Void> refusedCommand(BridgeSocket socket, String address) {
    Future<JsonObject> error = socket.next(frame -> "err".equals(frame.getString("type")));
    socket.send(new JsonObject().put("type", "send").put("address", address).put("body", new JsonObject())
        .put("replyAddress", "r-1"));
    return error.map(frame -> {
      assertEquals("rejected", frame.getString("body"), frame.encode());
      return null;
    });
  }

  private WebSocketConnectOptions bridgeOptions() {
    return new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/eventbus/websocket");
  }

  private Future<BridgeSocket> bridge(String sessionCookie) {
    WebSocketConnectOptions options = bridgeOptions();
    if (sessionCookie != null) {
      options.addHeader("Cookie", Sessions.COOKIE + "=" + sessionCookie);
    }
    return webSockets.connect(options).map(BridgeSocket::new);
  }

  /** Stores the auth document as another node would, announces it, and waits until the gateway applies it. */
  private Future<Void> setAuth(JsonObject document) {
    return store.putConfig(ConfigSections.AUTH, document)
        .map(put -> {
          vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new JsonObject().put("section", ConfigSections.AUTH));
          return null;
        })
        .compose(published -> eventually(() -> me(browser()),
            me -> me.getBoolean("auth_enabled") == document.getBoolean("enabled")
                && me.getBoolean("anonymous_read") == document.getBoolean("anonymous_read", true), 100));
  }

  /** Asks again every 20 ms until the answer satisfies the condition. */
  private <T> Future<Void> eventually(Supplier<Future<T>> ask, Predicate<T> done, int triesLeft) {
    return ask.get().compose(answer -> {
      if (done.test(answer)) {
        return Future.succeededFuture();
      }
      if (triesLeft == 0) {
        return Future.failedFuture("condition not met; last answer: " + answer);
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(20, id -> eventually(ask, done, triesLeft - 1).onComplete(later));
      return later.future();
    });
  }

  private Future<Void> assertRedisUnchanged() {
    return store.config(ConfigSections.SCHEDULE)
        .map(schedule -> {
          assertEquals(SCHEDULE, schedule, "config:schedule changed");
          return null;
        })
        .compose(checked -> store.config(ConfigSections.AUTH))
        .map(auth -> {
          assertEquals(authDocument(true), auth, "config:auth changed");
          return null;
        });
  }

  /** GET /api/auth/me, which also hands out the CSRF cookie. */
  private static Future<JsonObject> me(WebClientSession client) {
    return client.get("/api/auth/me").send().map(response -> {
      assertEquals(200, response.statusCode(), response.bodyAsString());
      return response.bodyAsJsonObject();
    });
  }

  private static Future<HttpResponse<Buffer>> login(WebClientSession client, String username, String password) {
    return me(client).compose(token -> write(client, client.post("/api/auth/login"),
        new JsonObject().put("username", username).put("password", password)));
  }

  /** A write as the dashboard makes it: the CSRF cookie's current value in the header. */
  private static Future<HttpResponse<Buffer>> write(WebClientSession client, HttpRequest<Buffer> request, JsonObject body) {
    String token = cookie(client, "XSRF-TOKEN");
    if (token != null) {
      request.putHeader("X-XSRF-TOKEN", token);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  private static String cookie(WebClientSession client, String name) {
    for (String host : List.of("localhost", "127.0.0.1")) {
      for (io.netty.handler.codec.http.cookie.Cookie cookie : client.cookieStore().get(false, host, "/")) {
        if (cookie.name().equals(name)) {
          return cookie.value();
        }
      }
    }
    return null;
  }
}

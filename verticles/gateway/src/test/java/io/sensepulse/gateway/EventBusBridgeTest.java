package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class EventBusBridgeTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private TestGateway gateway;
  /** Held for the whole test: Vert.x closes a client that is no longer referenced. */
  private WebSocketClient webSockets;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    webSockets = vertx.createWebSocketClient();
    TestGateway.deploy(vertx, redis).onComplete(ctx.succeeding(deployed -> {
      gateway = deployed;
      ctx.completeNow();
    }));
  }

  @Test
  void inboundSendIsRefusedAndNeverReachesTheBus(Vertx vertx, VertxTestContext ctx) {
    String deploy = Addresses.nodeDeploy("x");
    JsonObject sentinel = new JsonObject().put("sentinel", true);
    Promise<Object> firstOnBus = Promise.promise();
    vertx.eventBus().consumer(deploy, msg -> firstOnBus.tryComplete(msg.body()));

    connect()
        .compose(socket -> {
          Future<JsonObject> error = socket.next(frame -> "err".equals(frame.getString("type")));
          socket.send(new JsonObject().put("type", "send").put("address", deploy).put("body", new JsonObject()));
          return error;
        })
        .map(error -> {
          assertEquals("rejected", error.getString("body"), error.encode());
          // The bridge refuses before sending, so a send would already be queued ahead of this one.
          vertx.eventBus().send(deploy, sentinel);
          return null;
        })
        .compose(sent -> firstOnBus.future())
        .map(first -> {
          assertEquals(sentinel, first, "the refused send reached the bus");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void withSignInOffCommandsMayBeSentToTheAllowList(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<JsonObject>consumer(Addresses.CMD_ORCHESTRATOR, msg -> msg.reply(new JsonObject().put("status", "ok")));
    connect()
        .compose(socket -> {
          Future<JsonObject> reply = socket.next(frame -> "r-1".equals(frame.getString("address")));
          socket.send(new JsonObject().put("type", "send").put("address", Addresses.CMD_ORCHESTRATOR)
              .put("body", new JsonObject().put("command", "trigger")).put("replyAddress", "r-1"));
          return reply;
        })
        .map(reply -> {
          assertEquals(new JsonObject().put("status", "ok"), reply.getJsonObject("body"), reply.encode());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void inboundPublishIsRefused(Vertx vertx, VertxTestContext ctx) {
    connect()
        .compose(socket -> {
          Future<JsonObject> error = socket.next(frame -> "err".equals(frame.getString("type")));
          socket.send(new JsonObject().put("type", "publish").put("address", "data.system").put("body", new JsonObject()));
          return error;
        })
        .map(error -> {
          assertEquals("rejected", error.getString("body"));
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void dataIsBridgedOutAndInternalAddressesAreNot(Vertx vertx, VertxTestContext ctx) {
    JsonObject reading = new JsonObject().put("source", "system").put("readings", new JsonObject());
    connect()
        .compose(socket -> {
          Future<JsonObject> refused = socket.next(frame -> "err".equals(frame.getString("type")));
          socket.send(new JsonObject().put("type", "register").put("address", "data.system"));
          socket.send(new JsonObject().put("type", "register").put("address", Addresses.NODES_LIST));
          return refused.map(error -> {
            assertEquals("access_denied", error.getString("body"), error.encode());
            return socket;
          });
        })
        .compose(socket -> {
          Future<JsonObject> delivered = socket.next(frame -> "rec".equals(frame.getString("type")));
          // Registration completes asynchronously and sends no acknowledgement: publish until it arrives.
          // pulse.nodes.list goes first each time, so had it been registered it would arrive first.
          long timer = vertx.setPeriodic(0, 50, id -> {
            vertx.eventBus().publish(Addresses.NODES_LIST, new JsonObject().put("leak", true));
            vertx.eventBus().publish("data.system", reading);
          });
          return delivered.onComplete(done -> vertx.cancelTimer(timer));
        })
        .map(frame -> {
          assertEquals("data.system", frame.getString("address"), frame.encode());
          assertEquals(reading, frame.getJsonObject("body"));
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void crossOriginHandshakeIsRefused(Vertx vertx, VertxTestContext ctx) {
    webSockets
        .connect(options().addHeader("Origin", "http://evil.example"))
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          assertTrue(error instanceof UpgradeRejectedException, error.toString());
          assertEquals(403, ((UpgradeRejectedException) error).getStatus());
          ctx.completeNow();
        })));
  }

  @Test
  void iframeUsesTheLocalSockJsLibrary(VertxTestContext ctx) {
    gateway.client().get("/eventbus/iframe.html").send()
        .map(response -> {
          assertEquals(200, response.statusCode());
          assertTrue(response.bodyAsString().contains("src=\"" + EventBusBridge.SOCKJS_LIBRARY + "\""), response.bodyAsString());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theHubsHeartbeatReachesBrowsersSoTheyCanTellADeadLinkFromAQuietHub(Vertx vertx, VertxTestContext ctx) {
    TestGateway.deploy(vertx, redis, new JsonObject().put(GatewayVerticle.HEARTBEAT_INTERVAL, 1))
        .compose(beating -> webSockets.connect(options().setPort(beating.port())).map(BridgeSocket::new))
        .compose(socket -> {
          Future<JsonObject> beat = socket.next(frame -> "rec".equals(frame.getString("type")));
          socket.send(new JsonObject().put("type", "register").put("address", Addresses.NODES_HEARTBEAT));
          return beat;
        })
        .map(beat -> {
          assertEquals(Addresses.NODES_HEARTBEAT, beat.getString("address"));
          assertEquals("gateway-test", beat.getJsonObject("body").getString("node"));
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private WebSocketConnectOptions options() {
    return new WebSocketConnectOptions().setHost("localhost").setPort(gateway.port()).setURI("/eventbus/websocket");
  }

  private Future<BridgeSocket> connect() {
    return webSockets.connect(options()).map(BridgeSocket::new);
  }
}

package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /live/{camera}} against a fake streamer on the bus: it keeps a GOP like the real one,
 * answers init requests with init segment + GOP and the last seq, and publishes fragments.
 */
@ExtendWith(VertxExtension.class)
// Future.await() has no limit of its own: a lost message fails the test instead of hanging the build.
@org.junit.jupiter.api.Timeout(60)
class LiveViewTest {
  private static final String CAMERA = "yard";

  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private int port;
  private WebSocketClient sockets;
  /** The fake streamer's GOP cache: what an init request gets now (written by the test thread, read on the bus). */
  private final List<String> gop = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile long lastSeq;
  /**
   * The fake streamer publishes from one context, as the real one does: publishes from the test
   * thread would each go out through a fresh context and could overtake one another.
   */
  private io.vertx.core.Context streamer;
  /** Until the fake streamer has a picture it refuses init requests, as the real one does. */
  private volatile boolean noPicture;
  private final Promise<Void> refusedInit = Promise.promise();

  @BeforeEach
  void setUp(Vertx vertx) {
    port = TestGateway.deploy(vertx, redis).await().port();
    streamer = vertx.getOrCreateContext();
    sockets = vertx.createWebSocketClient();
    vertx.eventBus().consumer(Addresses.cameraLiveInit(CAMERA), request -> {
      if (noPicture) {
        request.fail(503, "camera 'yard' has no live picture yet (starting)");
        refusedInit.tryComplete();
      } else {
        request.reply(initReply(), new DeliveryOptions().addHeader("seq", Long.toString(lastSeq)));
      }
    }).completion().await();
  }

  /** One browser: the binary messages as text, awaited by count. */
  private static final class Viewer {
    final WebSocket socket;
    final List<String> messages = new ArrayList<>();
    private int wanted;
    private Promise<List<String>> waiting;
    final Promise<String> closed = Promise.promise();

    Viewer(WebSocket socket) {
      this.socket = socket;
      socket.binaryMessageHandler(buffer -> arrived(buffer.toString()));
      socket.closeHandler(done -> closed.tryComplete(socket.closeStatusCode() + " " + socket.closeReason()));
    }

    // Messages arrive on the event loop while the test thread waits: both sides hold the lock.
    private synchronized void arrived(String message) {
      messages.add(message);
      if (waiting != null && messages.size() >= wanted) {
        waiting.tryComplete(List.copyOf(messages));
      }
    }

    synchronized Future<List<String>> received(int count) {
      wanted = count;
      waiting = Promise.promise();
      if (messages.size() >= count) {
        waiting.tryComplete(List.copyOf(messages));
      }
      return waiting.future();
    }
  }

  private Viewer connect(Vertx vertx) {
    // The handlers go on in the connect callback, on the socket's event loop: set later from the
    // test thread, they could miss the init segment the gateway sends at once.
    return sockets.connect(new WebSocketConnectOptions().setPort(port).setHost("localhost").setURI("/live/" + CAMERA))
        .map(Viewer::new)
        .await();
  }

  private Buffer initReply() {
    synchronized (gop) {
      return Buffer.buffer("INIT" + String.join("", gop));
    }
  }

  /** As the streamer: a fragment to every follower, and into the GOP cache. */
  private void publish(Vertx vertx, String fragment, boolean keyframe) {
    synchronized (gop) {
      lastSeq++;
      if (keyframe) {
        gop.clear();
      }
      gop.add(fragment);
    }
    DeliveryOptions headers = new DeliveryOptions().addHeader("seq", Long.toString(lastSeq))
        .addHeader("keyframe", Boolean.toString(keyframe));
    streamer.runOnContext(v -> vertx.eventBus().publish(Addresses.cameraLive(CAMERA), Buffer.buffer(fragment), headers));
  }

  @Test
  void everySocketGetsTheInitFirstThenTheFragmentsInOrderAndALateJoinerStartsAtTheLastKeyframe(Vertx vertx) {
    publish(vertx, "|K1", true);
    publish(vertx, "|f2", false);
    Viewer first = connect(vertx);
    Viewer second = connect(vertx);
    assertEquals(List.of("INIT|K1|f2"), first.received(1).await());
    assertEquals(List.of("INIT|K1|f2"), second.received(1).await());

    publish(vertx, "|f3", false);
    publish(vertx, "|K4", true);
    publish(vertx, "|f5", false);
    List<String> expected = List.of("INIT|K1|f2", "|f3", "|K4", "|f5");
    assertEquals(expected, first.received(4).await());
    assertEquals(expected, second.received(4).await());

    Viewer late = connect(vertx);
    assertEquals(List.of("INIT|K4|f5"), late.received(1).await());
    publish(vertx, "|f6", false);
    assertEquals(List.of("INIT|K4|f5", "|f6"), late.received(2).await());
    assertEquals("|f6", first.received(5).await().get(4));
    assertEquals("|f6", second.received(5).await().get(4));
  }

  @Test
  void aViewerWaitingForAStartingStreamBeginsWithItsFirstInitSegment(Vertx vertx) {
    noPicture = true;
    Viewer early = connect(vertx);
    // Connected (the feed follows the camera, then asks for the init) before the streamer has anything.
    refusedInit.future().await();
    lastSeq++;
    DeliveryOptions init = new DeliveryOptions().addHeader("seq", Long.toString(lastSeq)).addHeader("keyframe", "false")
        .addHeader("init", "true");
    streamer.runOnContext(v -> vertx.eventBus().publish(Addresses.cameraLive(CAMERA), Buffer.buffer("NEWINIT"), init));
    publish(vertx, "|K1", true);
    // The fake never answers an init request in this test: only the published init can start the viewer.
    assertEquals(List.of("NEWINIT", "|K1"), early.received(2).await());
  }

  @Test
  void theEndOfTheStreamClosesTheSocketsAndTheLastOneTakesTheConsumerAlong(Vertx vertx) {
    publish(vertx, "|K1", true);
    Viewer first = connect(vertx);
    Viewer second = connect(vertx);
    first.received(1).await();
    second.received(1).await();
    vertx.eventBus().publish(Addresses.STREAM_ENDED, new JsonObject().put("camera", CAMERA).put("reason", "user_stopped"));
    assertEquals("1000 stream ended: user_stopped", first.closed.future().await());
    assertEquals("1000 stream ended: user_stopped", second.closed.future().await());
    assertTrue(noFollower(vertx, 50).await(), "the gateway still follows the camera's fragments");
  }

  /** True once nobody consumes the camera's fragments: a request there then fails with no handlers. */
  private static Future<Boolean> noFollower(Vertx vertx, int triesLeft) {
    return vertx.eventBus().request(Addresses.cameraLive(CAMERA), "probe", new DeliveryOptions().setSendTimeout(100))
        .map(false)
        .recover(error -> {
          if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
            return Future.succeededFuture(true);
          }
          return triesLeft == 0 ? Future.succeededFuture(false) : noFollower(vertx, triesLeft - 1);
        });
  }

  @Test
  void aBadCameraIdIsRefusedBeforeTheUpgrade(Vertx vertx) {
    Throwable refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> sockets.connect(
        new WebSocketConnectOptions().setPort(port).setHost("localhost").setURI("/live/ya.rd")).await());
    assertTrue(refused.getMessage().contains("400"), refused.getMessage());
  }
}

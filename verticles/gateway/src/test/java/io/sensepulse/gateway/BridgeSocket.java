package io.sensepulse.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The bridge's frames as JSON; it writes them as binary WebSocket frames of UTF-8 text. */
final class BridgeSocket {
  private final WebSocket socket;
  private final List<JsonObject> unclaimed = new ArrayList<>();
  private Predicate<JsonObject> wanted;
  private Promise<JsonObject> waiting;

  BridgeSocket(WebSocket socket) {
    this.socket = socket;
    socket.handler(buffer -> received(new JsonObject(buffer.toString(StandardCharsets.UTF_8))));
  }

  void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  /** The first frame, from now on or already received and unclaimed, that matches. */
  Future<JsonObject> next(Predicate<JsonObject> matching) {
    for (JsonObject frame : unclaimed) {
      if (matching.test(frame)) {
        unclaimed.remove(frame);
        return Future.succeededFuture(frame);
      }
    }
    wanted = matching;
    waiting = Promise.promise();
    return waiting.future();
  }

  private void received(JsonObject frame) {
    if (waiting != null && wanted.test(frame)) {
      Promise<JsonObject> done = waiting;
      waiting = null;
      done.complete(frame);
    } else {
      unclaimed.add(frame);
    }
  }
}

package io.sensepulse.common;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Validation of what arrives over the bus: any node, or a bug, may send anything. */
public final class BusMessages {
  private BusMessages() {}

  public static final int BAD_REQUEST = 400;

  /** The body as a JSON object, or IllegalArgumentException with a message for the sender. */
  public static JsonObject jsonBody(Message<?> message) {
    Object body = message.body();
    if (body instanceof JsonObject json) {
      return json;
    }
    throw new IllegalArgumentException("body must be a JSON object");
  }
}

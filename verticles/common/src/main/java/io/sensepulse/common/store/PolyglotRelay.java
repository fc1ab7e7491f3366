package io.sensepulse.common.store;

import io.sensepulse.common.Ids;
import io.sensepulse.common.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Lets a process in any language take part as the original Python services did: it writes
 * {@code source:{id}:{sensor}} keys and PUBLISHes on {@code data:{id}}; this relays the readings
 * onto the bus at {@code data.{id}} as {@code {source, readings}} and into their history. A message body of
 * {@code {"readings": {sensor: {value, unit, timestamp}}}} is relayed as it is; any other body
 * (an empty string, a count, a word) means "read my keys". Subscribed on a connection of its own
 * (a subscribed connection can issue no other command), replaced with backoff when Redis goes away.
 */
final class PolyglotRelay {
  private static final Logger LOG = Logger.getLogger(PolyglotRelay.class.getName());
  static final String PATTERN = RedisKeys.DATA_CHANNEL_PREFIX + "*";
  /** Larger bodies are not parsed; the keys are read instead. */
  static final int MAX_BODY_CHARS = 64 * 1024;
  /** Sources whose keys are being read at once; messages for further sources are dropped meanwhile. */
  static final int MAX_IN_FLIGHT = 16;

  private final Vertx vertx;
  private final Store store;
  /** Source id to whether another message arrived while its keys were read (then they are read once more). */
  private final Map<String, Boolean> inFlight = new HashMap<>();
  private final ReconnectingConnection subscription;

  PolyglotRelay(Vertx vertx, String redisUrl, Store store) {
    this.vertx = vertx;
    this.store = store;
    this.subscription = new ReconnectingConnection(vertx, Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)),
        "the " + PATTERN + " relay", conn -> {
          conn.handler(this::pushed);
          return conn.send(Request.cmd(Command.PSUBSCRIBE).arg(PATTERN)).mapEmpty();
        });
  }

  /** Subscribes, or keeps trying in the background; succeeds either way, as {@link Store#start()} does. */
  Future<Void> start() {
    return subscription.start();
  }

  Future<Void> close() {
    return subscription.close();
  }

  /** {@code [pmessage, pattern, channel, body]}; anything else on this connection is ignored. */
  private void pushed(Response push) {
    if (push == null || !push.isArray() || push.size() != 4 || !"pmessage".equals(String.valueOf(push.get(0)))) {
      return;
    }
    String channel = String.valueOf(push.get(2));
    String id = channel.substring(Math.min(channel.length(), RedisKeys.DATA_CHANNEL_PREFIX.length()));
    if (!channel.startsWith(RedisKeys.DATA_CHANNEL_PREFIX) || !Ids.isSourceId(id)) {
      LOG.fine(() -> "ignoring Redis message on '" + channel + "': not data:{source id}");
      return;
    }
    Response body = push.get(3);
    JsonObject readings = carriedReadings(body == null ? "" : body.toString());
    if (readings != null) {
      relay(id, readings);
    } else {
      readKeys(id);
    }
  }

  /** Onto the bus, and into the history as the hub's own readings are. */
  private void relay(String id, JsonObject readings) {
    store.publishReadings(id, readings);
    store.appendHistory(id, readings);
  }

  /** The readings a body carries, validated; null when it carries none (or is junk). */
  static JsonObject carriedReadings(String body) {
    if (body.length() > MAX_BODY_CHARS || !body.trim().startsWith("{")) {
      return null;
    }
    try {
      Object readings = new JsonObject(body).getValue("readings");
      JsonObject valid = new JsonObject();
      StoreVerticle.parseReadings(readings).forEach(reading -> valid.put(reading.sensor(), reading.toJson()));
      return valid.isEmpty() ? null : valid;
    } catch (RuntimeException junk) {
      return null;
    }
  }

  /** Reads the source's keys and publishes them; a burst for one source costs at most two reads. */
  private void readKeys(String id) {
    if (inFlight.containsKey(id)) {
      inFlight.put(id, true);
      return;
    }
    if (inFlight.size() >= MAX_IN_FLIGHT) {
      LOG.fine(() -> "dropping data:" + id + ": " + MAX_IN_FLIGHT + " sources are being read already");
      return;
    }
    inFlight.put(id, false);
    store.readings(id)
        .onSuccess(readings -> {
          if (!readings.isEmpty()) {
            relay(id, readings);
          }
        })
        .onFailure(error -> LOG.fine(() -> "cannot read the keys of " + id + ": " + error.getMessage()))
        .onComplete(done -> {
          if (Boolean.TRUE.equals(inFlight.remove(id))) {
            readKeys(id);
          }
        });
  }
}

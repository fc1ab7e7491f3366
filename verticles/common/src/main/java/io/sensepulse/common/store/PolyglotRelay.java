package io.sensepulse.common.store;

import io.sensepulse.common.Ids;
import io.sensepulse.common.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
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
  private final Redis client;
  private final Store store;
  /** Source id to whether another message arrived while its keys were read (then they are read once more). */
  private final Map<String, Boolean> inFlight = new HashMap<>();
  private RedisConnection connection;
  private long backoffMs = Store.INITIAL_BACKOFF_MS;
  private long reconnectTimer = -1;
  private boolean closed;

  PolyglotRelay(Vertx vertx, String redisUrl, Store store) {
    this.vertx = vertx;
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
    this.store = store;
  }

  /** Subscribes, or keeps trying in the background; succeeds either way, as {@link Store#start()} does. */
  Future<Void> start() {
    return connect().otherwiseEmpty();
  }

  Future<Void> close() {
    closed = true;
    vertx.cancelTimer(reconnectTimer);
    RedisConnection current = connection;
    connection = null;
    client.close();
    return current == null ? Future.succeededFuture() : current.close();
  }

  private Future<Void> connect() {
    return client.connect().compose(conn -> {
      if (closed) {
        return conn.close();
      }
      conn.handler(this::pushed);
      conn.exceptionHandler(error -> drop(conn, error.getMessage()));
      conn.endHandler(ended -> drop(conn, "connection closed"));
      return conn.send(Request.cmd(Command.PSUBSCRIBE).arg(PATTERN)).<Void>mapEmpty().onSuccess(subscribed -> {
        connection = conn;
        backoffMs = Store.INITIAL_BACKOFF_MS;
        LOG.info("relaying Redis " + PATTERN + " onto the bus");
      }).onFailure(error -> conn.close());
    }).onFailure(error -> {
      LOG.warning("cannot subscribe to Redis " + PATTERN + " (" + error.getMessage() + "), retrying in " + backoffMs + " ms");
      scheduleReconnect();
    });
  }

  private void drop(RedisConnection conn, String reason) {
    if (connection != conn) {
      return;
    }
    connection = null;
    conn.close();
    if (!closed) {
      LOG.warning("Redis subscription lost (" + reason + ")");
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    if (closed || reconnectTimer >= 0) {
      return;
    }
    long delay = backoffMs;
    backoffMs = Math.min(backoffMs * 2, Store.MAX_BACKOFF_MS);
    reconnectTimer = vertx.setTimer(delay, id -> {
      reconnectTimer = -1;
      if (!closed && connection == null) {
        connect();
      }
    });
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

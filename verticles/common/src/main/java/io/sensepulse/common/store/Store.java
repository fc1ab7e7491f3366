package io.sensepulse.common.store;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Ids;
import io.sensepulse.common.Reading;
import io.sensepulse.common.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The one owner of Redis: every key of the contract is read and written here. Holds a single
 * connection and replaces it with exponential backoff when Redis goes away; while there is none,
 * operations fail at once with {@link StoreUnavailableException} rather than queueing.
 */
public final class Store {
  private static final Logger LOG = Logger.getLogger(Store.class.getName());
  private static final int SCAN_BATCH = 200;
  /**
   * Appends {@code [timestamp, value]} to a history list (newest first) unless its newest point is
   * from the same minute or later; then trims it to the point cap and to 24 h before the new point,
   * and renews its TTL. Atomic, so two writers cannot both add a minute's point.
   * KEYS[1] the list; ARGV: timestamp, point JSON, max points, max age (s).
   */
  private static final String APPEND_HISTORY = """
      local ts = tonumber(ARGV[1])
      local newest = redis.call('LINDEX', KEYS[1], 0)
      if newest and math.floor(cjson.decode(newest)[1] / 60) >= math.floor(ts / 60) then
        return 0
      end
      redis.call('LPUSH', KEYS[1], ARGV[2])
      redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
      local cutoff = ts - tonumber(ARGV[4])
      local oldest = redis.call('LINDEX', KEYS[1], -1)
      while oldest and cjson.decode(oldest)[1] < cutoff do
        redis.call('RPOP', KEYS[1])
        oldest = redis.call('LINDEX', KEYS[1], -1)
      end
      redis.call('EXPIRE', KEYS[1], ARGV[4])
      return 1
      """;

  private final Vertx vertx;
  private final Redis client;
  private final ReconnectingConnection connection;
  /**
   * The last status update queued per key: a merge reads then writes, so two at once would lose
   * one's fields; they run one after another instead. Used from the owning verticle's context.
   */
  private final java.util.Map<String, Future<JsonObject>> statusQueue = new java.util.HashMap<>();

  private Store(Vertx vertx, String redisUrl) {
    this.vertx = vertx;
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl).setMaxWaitingHandlers(256));
    this.connection = new ReconnectingConnection(vertx, client, "the store", ready -> Future.succeededFuture());
  }

  public static Store create(Vertx vertx, String redisUrl) {
    return new Store(vertx, redisUrl);
  }

  /**
   * Makes the first connection attempt. Succeeds either way: with Redis down the store keeps trying
   * in the background and the node comes up, reporting Redis as down in /health.
   */
  public Future<Store> start() {
    return connection.start().map(this);
  }

  /**
   * The underlying client, for a library that speaks Redis itself (the web session store). It
   * pools its own connections, which it replaces when Redis comes back.
   */
  public Redis client() {
    return client;
  }

  public boolean isConnected() {
    return connection.current() != null;
  }

  public Future<Void> close() {
    return connection.close();
  }

  private Future<Response> send(Request request) {
    RedisConnection conn = connection.current();
    if (conn == null) {
      return Future.failedFuture(new StoreUnavailableException());
    }
    return conn.send(request);
  }

  private Future<List<Response>> batch(List<Request> requests) {
    RedisConnection conn = connection.current();
    if (conn == null) {
      return Future.failedFuture(new StoreUnavailableException());
    }
    return conn.batch(requests);
  }

  public Future<Void> ping() {
    return send(Request.cmd(Command.PING)).mapEmpty();
  }

  // ---- readings: source:{id}:{sensor}

  /** Writes each reading with its TTL, then publishes them on {@code data.{id}}. */
  public Future<Void> writeReadings(String sourceId, List<Reading> readings) {
    Ids.requireSourceId(sourceId);
    if (readings.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Request> sets = new ArrayList<>(readings.size());
    JsonObject published = new JsonObject();
    for (Reading reading : readings) {
      JsonObject value = reading.toJson();
      sets.add(Request.cmd(Command.SET).arg(RedisKeys.reading(sourceId, reading.sensor())).arg(value.encode())
          .arg("EX").arg(RedisKeys.READING_TTL.toSeconds()));
      published.put(reading.sensor(), value);
    }
    return batch(sets)
        .onSuccess(done -> publishReadings(sourceId, published))
        .compose(done -> appendHistory(sourceId, published));
  }

  /**
   * Adds the numeric readings ({@code {sensor: {value, timestamp}}}) to their sensors' history,
   * at most one point per minute of reading time. Never fails: history is a nicety, the readings
   * are what matter.
   */
  Future<Void> appendHistory(String sourceId, JsonObject readings) {
    List<Request> appends = new ArrayList<>();
    for (String sensor : readings.fieldNames()) {
      if (readings.getValue(sensor) instanceof JsonObject reading
          && reading.getValue("value") instanceof Number value && Double.isFinite(value.doubleValue())
          && reading.getValue("timestamp") instanceof Number timestamp) {
        appends.add(Request.cmd(Command.EVAL).arg(APPEND_HISTORY).arg(1).arg(RedisKeys.history(sourceId, sensor))
            .arg(timestamp.toString()).arg(new JsonArray().add(timestamp).add(value).encode())
            .arg(RedisKeys.HISTORY_MAX_POINTS).arg(RedisKeys.HISTORY_TTL.toSeconds()));
      }
    }
    if (appends.isEmpty()) {
      return Future.succeededFuture();
    }
    return batch(appends)
        .onFailure(error -> LOG.fine(() -> "cannot append the history of " + sourceId + ": " + error.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** A sensor's history, oldest first: {@code [[timestamp, value], ...]}, at most 24 h and one point a minute. */
  public Future<JsonArray> history(String sourceId, String sensor) {
    return send(Request.cmd(Command.LRANGE).arg(RedisKeys.history(Ids.requireSourceId(sourceId), sensor)).arg(0).arg(-1))
        .map(points -> {
          JsonArray oldestFirst = new JsonArray();
          if (points != null) {
            for (int i = points.size() - 1; i >= 0; i--) {
              oldestFirst.add(new JsonArray(points.get(i).toString()));
            }
          }
          return oldestFirst;
        });
  }

  /** Publishes {@code {source, readings}} on {@code data.{id}}, the shape every dashboard expects. */
  void publishReadings(String sourceId, JsonObject readings) {
    vertx.eventBus().publish(Addresses.data(sourceId), new JsonObject().put("source", sourceId).put("readings", readings));
  }

  /** Every current reading, {@code {source: {sensor: {value, unit, timestamp}}}}. */
  public Future<JsonObject> readings() {
    return valuesMatching(RedisKeys.SOURCE_PREFIX + "*").map(found -> {
      JsonObject grouped = new JsonObject();
      found.forEach(entry -> {
        String rest = entry.getKey().substring(RedisKeys.SOURCE_PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon > 0) {
          JsonObject source = grouped.getJsonObject(rest.substring(0, colon));
          if (source == null) {
            source = new JsonObject();
            grouped.put(rest.substring(0, colon), source);
          }
          source.put(rest.substring(colon + 1), entry.getValue());
        }
      });
      return grouped;
    });
  }

  /** The current readings of one source, {@code {sensor: {value, unit, timestamp}}}. */
  public Future<JsonObject> readings(String sourceId) {
    Ids.requireSourceId(sourceId);
    String prefix = RedisKeys.reading(sourceId, "");
    return valuesMatching(prefix + "*").map(found -> {
      JsonObject sensors = new JsonObject();
      found.forEach(entry -> sensors.put(entry.getKey().substring(prefix.length()), entry.getValue()));
      return sensors;
    });
  }

  // ---- status:{id}

  /** Merges fields into {@code status:{id}}, renews its TTL and publishes it on {@code status.{id}}. */
  public Future<JsonObject> updateStatus(String sourceId, JsonObject fields) {
    Ids.requireSourceId(sourceId);
    String key = RedisKeys.status(sourceId);
    Future<JsonObject> previous = statusQueue.getOrDefault(key, Future.succeededFuture());
    Future<JsonObject> update = previous.transform(ignored -> mergeStatus(key, fields))
        .onSuccess(status -> vertx.eventBus().publish(Addresses.status(sourceId), status.copy().put("source", sourceId)));
    statusQueue.put(key, update);
    update.onComplete(done -> statusQueue.remove(key, update));
    return update;
  }

  private Future<JsonObject> mergeStatus(String key, JsonObject fields) {
    return send(Request.cmd(Command.GET).arg(key)).compose(current -> {
      JsonObject merged = current == null ? new JsonObject() : new JsonObject(current.toString());
      merged.mergeIn(fields);
      return send(Request.cmd(Command.SET).arg(key).arg(merged.encode()).arg("EX").arg(RedisKeys.statusTtlSeconds(merged)))
          .map(ok -> merged);
    });
  }

  public Future<JsonObject> status(String sourceId) {
    return getJson(RedisKeys.status(Ids.requireSourceId(sourceId)));
  }

  /** Every status document, keyed by source id. */
  public Future<JsonObject> statuses() {
    return valuesMatching(RedisKeys.STATUS_PREFIX + "*").map(found -> {
      JsonObject all = new JsonObject();
      found.forEach(entry -> all.put(entry.getKey().substring(RedisKeys.STATUS_PREFIX.length()), entry.getValue()));
      return all;
    });
  }

  // ---- config:{section}

  /** The section's document, or null when it was never written. */
  public Future<JsonObject> config(String section) {
    return getJson(RedisKeys.config(Ids.requireSourceId(section)));
  }

  public Future<Void> putConfig(String section, JsonObject document) {
    return send(Request.cmd(Command.SET).arg(RedisKeys.config(Ids.requireSourceId(section))).arg(document.encode()))
        .mapEmpty();
  }

  /** Writes the document only when the section does not exist yet; true when it was written. */
  public Future<Boolean> seedConfig(String section, JsonObject document) {
    return send(Request.cmd(Command.SET).arg(RedisKeys.config(Ids.requireSourceId(section))).arg(document.encode())
        .arg("NX")).map(reply -> reply != null && "OK".equals(reply.toString()));
  }

  // ---- scan:{kind}

  public Future<Void> putScan(String kind, JsonObject result) {
    return send(Request.cmd(Command.SET).arg(RedisKeys.scan(Ids.requireSourceId(kind))).arg(result.encode())
        .arg("EX").arg(RedisKeys.SCAN_TTL.toSeconds())).mapEmpty();
  }

  public Future<JsonObject> scan(String kind) {
    return getJson(RedisKeys.scan(Ids.requireSourceId(kind)));
  }

  /** Remaining time to live in seconds (-1: none, -2: no such key); for diagnostics and tests. */
  public Future<Long> ttl(String key) {
    return send(Request.cmd(Command.TTL).arg(key)).map(Response::toLong);
  }

  // ---- helpers

  private Future<JsonObject> getJson(String key) {
    return send(Request.cmd(Command.GET).arg(key)).map(reply -> reply == null ? null : parseOrNull(reply.toString()));
  }

  /** Key and parsed JSON value of every key matching the pattern; values that are not JSON objects are skipped. */
  private Future<List<java.util.Map.Entry<String, JsonObject>>> valuesMatching(String pattern) {
    return keysMatching(pattern).compose(keys -> {
      if (keys.isEmpty()) {
        return Future.succeededFuture(List.of());
      }
      Request mget = Request.cmd(Command.MGET);
      keys.forEach(mget::arg);
      return send(mget).map(values -> {
        List<java.util.Map.Entry<String, JsonObject>> found = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
          Response value = values.get(i);
          JsonObject parsed = value == null ? null : parseOrNull(value.toString());
          if (parsed != null) {
            found.add(java.util.Map.entry(keys.get(i), parsed));
          }
        }
        return found;
      });
    });
  }

  /** SCAN in a loop driven by replies, so the stack does not grow with the number of pages. */
  private Future<List<String>> keysMatching(String pattern) {
    Promise<List<String>> done = Promise.promise();
    List<String> keys = new ArrayList<>();
    scanPage("0", pattern, keys, done);
    return done.future();
  }

  private void scanPage(String cursor, String pattern, List<String> keys, Promise<List<String>> done) {
    send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_BATCH))
        .onFailure(done::fail)
        .onSuccess(reply -> {
          reply.get(1).forEach(key -> keys.add(key.toString()));
          String next = reply.get(0).toString();
          if ("0".equals(next)) {
            keys.sort(null);
            done.complete(keys);
          } else {
            vertx.runOnContext(v -> scanPage(next, pattern, keys, done));
          }
        });
  }

  private static JsonObject parseOrNull(String text) {
    try {
      return new JsonObject(text);
    } catch (RuntimeException notAnObject) {
      return null;
    }
  }

  /** Redis is down and the store is reconnecting. */
  public static final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException() {
      super("Redis is unavailable; reconnecting", null, false, false);
    }
  }
}

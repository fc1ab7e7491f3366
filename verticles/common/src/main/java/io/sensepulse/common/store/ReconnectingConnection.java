package io.sensepulse.common.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One Redis connection that is replaced with exponential backoff when Redis goes away; the Redis
 * client does not reconnect by itself. A dead connection is never kept: {@link #current()} is
 * null until a new one is ready.
 */
final class ReconnectingConnection {
  private static final Logger LOG = Logger.getLogger(ReconnectingConnection.class.getName());
  static final long INITIAL_BACKOFF_MS = 250;
  static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final Redis client;
  private final String purpose;
  /** Readies a fresh connection (e.g. subscribes) before it is handed out; a failure counts as a failed connect. */
  private final Function<RedisConnection, Future<Void>> prepare;
  private RedisConnection connection;
  private long backoffMs = INITIAL_BACKOFF_MS;
  private long reconnectTimer = -1;
  private boolean closed;

  ReconnectingConnection(Vertx vertx, Redis client, String purpose, Function<RedisConnection, Future<Void>> prepare) {
    this.vertx = vertx;
    this.client = client;
    this.purpose = purpose;
    this.prepare = prepare;
  }

  /** Makes the first attempt; succeeds either way, retrying in the background while Redis is down. */
  Future<Void> start() {
    return connect().otherwiseEmpty();
  }

  RedisConnection current() {
    return connection;
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
      conn.exceptionHandler(error -> drop(conn, error.getMessage()));
      conn.endHandler(ended -> drop(conn, "connection closed"));
      return prepare.apply(conn).onSuccess(ready -> {
        connection = conn;
        backoffMs = INITIAL_BACKOFF_MS;
        LOG.info("Redis connected (" + purpose + ")");
      }).onFailure(error -> conn.close());
    }).onFailure(error -> {
      LOG.warning("Redis unavailable for " + purpose + " (" + error.getMessage() + "), retrying in " + backoffMs + " ms");
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
      LOG.warning("Redis connection for " + purpose + " lost (" + reason + ")");
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    if (closed || reconnectTimer >= 0) {
      return;
    }
    long delay = backoffMs;
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    reconnectTimer = vertx.setTimer(delay, id -> {
      reconnectTimer = -1;
      if (!closed && connection == null) {
        connect();
      }
    });
  }
}

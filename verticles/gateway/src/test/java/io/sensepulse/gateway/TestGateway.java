package io.sensepulse.gateway;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A gateway deployed on a free port against a test Redis, and a client pointed at it. */
record TestGateway(int port, WebClient client) {

  static Future<TestGateway> deploy(Vertx vertx, RedisServer redis) {
    return deploy(vertx, redis, new JsonObject());
  }

  static Future<TestGateway> deploy(Vertx vertx, RedisServer redis, JsonObject extraConfig) {
    int port = freePort();
    JsonObject config = new JsonObject()
        .put(PulseSettings.NODE_ID, "gateway-test")
        .put(PulseSettings.HTTP_PORT, port)
        .put(PulseSettings.REDIS_URL, redis.url())
        .mergeIn(extraConfig);
    return vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config))
        .map(id -> new TestGateway(port, WebClient.create(vertx, new WebClientOptions().setDefaultPort(port))));
  }

  /** Empties the test Redis so each test sees only what it wrote. */
  static Future<Void> flush(Vertx vertx, RedisServer redis) {
    Redis client = Redis.createClient(vertx, redis.url());
    return client.send(Request.cmd(Command.FLUSHALL)).<Void>mapEmpty().eventually(() -> {
      client.close();
      return Future.succeededFuture();
    });
  }

  static int freePort() {
    try {
      return RedisServer.freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

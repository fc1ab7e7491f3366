package io.sensepulse.gateway;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.testing.FreePorts;
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
  /** One data folder for every gateway of the test run, so the CSRF key survives a redeploy as on a hub. */
  static final String DATA_DIR = dataDir();

  static Future<TestGateway> deploy(Vertx vertx, RedisServer redis) {
    return deploy(vertx, redis, new JsonObject());
  }

  static Future<TestGateway> deploy(Vertx vertx, RedisServer redis, JsonObject extraConfig) {
    int port = FreePorts.next();
    JsonObject config = new JsonObject()
        .put(PulseSettings.NODE_ID, "gateway-test")
        .put(PulseSettings.HTTP_PORT, port)
        .put(PulseSettings.REDIS_URL, redis.url())
        .put(PulseSettings.DATA_DIR, DATA_DIR)
        .mergeIn(extraConfig);
    return deployed(vertx, config).map(id -> new TestGateway(port, WebClient.create(vertx, new WebClientOptions().setDefaultPort(port))));
  }

  /** Empties the test Redis, starts the test's store on it, then deploys: for tests that seed Redis through the store. */
  static Future<TestGateway> deployOnEmptyStore(Vertx vertx, RedisServer redis, Store store) {
    return flush(vertx, redis).compose(flushed -> store.start()).compose(started -> deploy(vertx, redis));
  }

  /** Deploys with exactly this config; the deployment id, to undeploy it. */
  static Future<String> deployed(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config));
  }

  /** Empties the test Redis so each test sees only what it wrote. */
  static Future<Void> flush(Vertx vertx, RedisServer redis) {
    Redis client = Redis.createClient(vertx, redis.url());
    return client.send(Request.cmd(Command.FLUSHALL)).<Void>mapEmpty().eventually(() -> {
      client.close();
      return Future.succeededFuture();
    });
  }

  private static String dataDir() {
    try {
      return java.nio.file.Files.createTempDirectory("pulse-gateway-data").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

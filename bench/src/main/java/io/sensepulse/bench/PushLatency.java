package io.sensepulse.bench;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.gateway.GatewayVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Time from a reading published on the bus at {@code data.<id>} to its arrival in a bridge client
 * connected to the gateway's SockJS endpoint over a real WebSocket on loopback. Prints p50/p99/max.
 * Usage: PushLatency [readings=2000] [interval-ms=5]
 */
public final class PushLatency {
  private static final String SOURCE = "bench";
  private static final int WARM_UP = 300;

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    long intervalMs = args.length > 1 ? Long.parseLong(args[1]) : 5;
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // The gateway's store retries a Redis that is deliberately absent here; its warnings are noise.
    java.util.logging.Logger.getLogger("io.sensepulse.common.store").setLevel(java.util.logging.Level.SEVERE);
    Vertx vertx = Vertx.vertx();
    JsonObject config = new JsonObject().put(PulseSettings.HTTP_PORT, port)
        // No Redis is needed to measure the bridge; the store keeps retrying in the background.
        .put(PulseSettings.REDIS_URL, "redis://127.0.0.1:1");
    vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config)).await();

    long[] latencies = new long[count];
    Promise<Void> done = Promise.promise();
    int[] received = {0};
    WebSocket socket = vertx.createWebSocketClient()
        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/eventbus/websocket"))
        .await();
    Promise<Void> registered = Promise.promise();
    socket.handler(frame -> {
      long now = System.nanoTime();
      JsonObject message = new JsonObject(frame.toString(StandardCharsets.UTF_8));
      if (!"rec".equals(message.getString("type"))) {
        return;
      }
      JsonObject body = message.getJsonObject("body");
      if (body.getBoolean("probe", false)) {
        registered.tryComplete();
        return;
      }
      int index = body.getInteger("seq");
      latencies[index] = now - body.getLong("sent");
      if (++received[0] == count) {
        done.tryComplete();
      }
    });
    socket.closeHandler(closed -> done.tryFail("the bridge closed the socket after " + received[0] + " readings"));
    // The bridge drops a client that has not pinged for 10 s; the browser client pings every 5 s.
    vertx.setPeriodic(5000, id -> socket.writeTextMessage(new JsonObject().put("type", "ping").encode()));
    socket.writeTextMessage(new JsonObject().put("type", "register").put("address", Addresses.data(SOURCE)).encode());
    // The registration is in place once a probe comes back.
    long probe = vertx.setPeriodic(20, id -> vertx.eventBus().publish(Addresses.data(SOURCE), new JsonObject().put("probe", true)));
    registered.future().await();
    vertx.cancelTimer(probe);

    int[] sent = {0};
    vertx.setPeriodic(intervalMs, id -> {
      if (sent[0] == count) {
        vertx.cancelTimer(id);
        return;
      }
      int seq = sent[0]++;
      vertx.eventBus().publish(Addresses.data(SOURCE), new JsonObject()
          .put("source", SOURCE)
          .put("readings", new JsonObject().put("cpu_percent",
              new JsonObject().put("value", 12.5).put("unit", "%").put("timestamp", System.currentTimeMillis() / 1000.0)))
          .put("seq", seq)
          .put("sent", System.nanoTime()));
    });
    Future<Void> finished = done.future();
    finished.await();

    long[] measured = Arrays.copyOfRange(latencies, Math.min(WARM_UP, count / 2), count);
    Arrays.sort(measured);
    System.out.printf("push-latency: %d readings over the SockJS bridge (WebSocket, loopback), %d ms apart, first %d as warm-up%n",
        count, intervalMs, Math.min(WARM_UP, count / 2));
    System.out.printf("push-latency: p50 %.3f ms  p99 %.3f ms  max %.3f ms  (n=%d)%n",
        millis(percentile(measured, 50)), millis(percentile(measured, 99)), millis(measured[measured.length - 1]),
        measured.length);
    socket.close().await();
    vertx.close().await();
  }

  private static long percentile(long[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}

package io.sensepulse.gateway;

import static io.sensepulse.gateway.ApiRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class MetricsTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  /** Built here rather than injected: metrics are chosen when Vert.x is built. */
  private Vertx withMetrics;

  @AfterEach
  void closeVertx() throws Exception {
    if (withMetrics != null) {
      withMetrics.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void prometheusTextWhenEnabled(VertxTestContext ctx) {
    withMetrics = PrometheusMetrics.enable(Vertx.builder(), new VertxOptions()).build();
    TestGateway.deploy(withMetrics, redis)
        .compose(gateway -> gateway.client().get("/api/status").send()
            .compose(warmUp -> gateway.client().get("/metrics").send()))
        .map(response -> {
          assertEquals(200, response.statusCode());
          assertTrue(response.getHeader("Content-Type").startsWith("text/plain"), response.getHeader("Content-Type"));
          String text = response.bodyAsString();
          assertTrue(text.contains("# TYPE vertx_http_server_requests_total counter"), text);
          assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics are on");
          assertFalse(text.contains("path=\""), "no per-path labels");
          assertFalse(text.contains("address=\""), "no per-address labels");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void clear503WhenNotEnabled(Vertx vertx, VertxTestContext ctx) {
    TestGateway.deploy(vertx, redis)
        .compose(gateway -> gateway.client().get("/metrics").send())
        .map(response -> {
          assertError(response, 503, "metrics are not enabled on this node");
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }
}

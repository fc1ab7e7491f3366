package io.sensepulse.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.EnumSet;

/**
 * Vert.x metrics in a Prometheus registry, scraped at {@code /metrics}. Metrics are a property of
 * the Vertx instance, so the launcher enables them when it builds Vert.x:
 * {@code PrometheusMetrics.enable(Vertx.builder(), options).withClusterManager(...).buildClustered()}.
 */
public final class PrometheusMetrics {
  private PrometheusMetrics() {}

  public static final String REGISTRY_NAME = "sense-pulse";

  /**
   * Sets the metrics options on {@code options}, gives them to the builder and installs the
   * Micrometer factory explicitly (a shaded jar may lose its service-loader entry). Use it instead
   * of {@code builder.with(options)}.
   */
  public static VertxBuilder enable(VertxBuilder builder, VertxOptions options) {
    return builder.with(options.setMetricsOptions(metricsOptions())).withMetrics(new MicrometerMetricsFactory());
  }

  /**
   * Lean on purpose (memory matters on a Pi): only labels with a handful of values, so no
   * per-address or per-path series; no quantile histograms, no embedded server; JVM metrics on,
   * since heap use is what to watch on a 1 GB board.
   */
  static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(REGISTRY_NAME)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(false))
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_SIDE, Label.POOL_TYPE, Label.POOL_NAME))
        .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
        .setJvmMetricsEnabled(true);
  }

  /** The scraping handler, or a JSON 503 when this Vertx was built without {@link #enable}. */
  static Handler<RoutingContext> scrapingHandler(Vertx vertx) {
    MeterRegistry registry = BackendRegistries.getNow(REGISTRY_NAME);
    if (vertx.isMetricsEnabled() && registry instanceof PrometheusMeterRegistry prometheus) {
      return PrometheusScrapingHandler.create(prometheus);
    }
    String body = new JsonObject()
        .put("error", "metrics are not enabled on this node: the launcher must build Vert.x with PrometheusMetrics.enable")
        .encode();
    return ctx -> ctx.response()
        .setStatusCode(503)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body);
  }
}

package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.Ids;
import io.sensepulse.common.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/** The read-only API: readings, their history, source status, the source list and the cluster's nodes. */
final class ApiRoutes {
  /** How long the hub's node registry may take to answer before /api/nodes gives up. */
  static final long NODES_TIMEOUT_MS = 2_000;
  /** Sensor names may contain ':' (office:co2); never '*' or a space, which a key pattern or a typo would bring. */
  static final int SENSOR_MAX_LENGTH = 120;

  private final Vertx vertx;
  private final Store store;

  ApiRoutes(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
  }

  void mount(Router router) {
    router.get("/api/readings").handler(ctx -> answer(ctx, store.readings()));
    router.get("/api/readings/:source").handler(this::sourceReadings);
    router.get("/api/history/:source/:sensor").handler(this::history);
    router.get("/api/status").handler(ctx -> answer(ctx, store.statuses()));
    router.get("/api/sources").handler(this::sources);
    router.get("/api/nodes").handler(this::nodes);
  }

  private void sourceReadings(RoutingContext ctx) {
    String source = ctx.pathParam("source");
    if (!Ids.isSourceId(source)) {
      ctx.fail(new HttpException(400, "invalid source id '" + source + "': use 1-40 of a-z, 0-9, _"));
      return;
    }
    answer(ctx, store.readings(source));
  }

  private void history(RoutingContext ctx) {
    String source = ctx.pathParam("source");
    String sensor = ctx.pathParam("sensor");
    if (!Ids.isSourceId(source)) {
      ctx.fail(new HttpException(400, "invalid source id '" + source + "': use 1-40 of a-z, 0-9, _"));
      return;
    }
    if (sensor.isEmpty() || sensor.length() > SENSOR_MAX_LENGTH || sensor.contains("*") || sensor.contains(" ")) {
      ctx.fail(new HttpException(400, "invalid sensor name: 1-" + SENSOR_MAX_LENGTH + " characters, no '*' or space"));
      return;
    }
    answer(ctx, store.history(source, sensor));
  }

  private void sources(RoutingContext ctx) {
    Future<JsonObject> schedule = store.config(ConfigSections.SCHEDULE);
    Future<JsonObject> readings = store.readings();
    Future<JsonObject> statuses = store.statuses();
    answer(ctx, Future.all(schedule, readings, statuses)
        .map(all -> SourceList.build(schedule.result(), readings.result(), statuses.result())));
  }

  private void nodes(RoutingContext ctx) {
    answer(ctx, vertx.eventBus()
        .<Object>request(Addresses.NODES_LIST, new JsonObject(), new DeliveryOptions().setSendTimeout(NODES_TIMEOUT_MS))
        .recover(error -> Future.failedFuture(new HttpException(503, registryFailure(error))))
        .map(reply -> {
          if (reply.body() instanceof JsonObject body && body.getValue("nodes") instanceof JsonArray nodes) {
            return nodes;
          }
          throw new HttpException(502, "the node registry answered without a node list");
        }));
  }

  private static String registryFailure(Throwable error) {
    if (error instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case NO_HANDLERS -> "no node registry is running";
        case TIMEOUT -> "the node registry did not answer within " + NODES_TIMEOUT_MS + " ms";
        default -> "the node registry failed: " + reply.getMessage();
      };
    }
    return "the node registry failed: " + error.getMessage();
  }

  private static void answer(RoutingContext ctx, Future<?> result) {
    result.onComplete(body -> Replies.ok(ctx, body), ctx::fail);
  }
}

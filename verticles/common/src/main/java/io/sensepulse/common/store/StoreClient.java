package io.sensepulse.common.store;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Reading;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What a source on any node uses to write through the hub's {@link StoreVerticle}. */
public final class StoreClient {
  private final EventBus bus;

  public StoreClient(EventBus bus) {
    this.bus = bus;
  }

  public Future<Void> writeReadings(String sourceId, List<Reading> readings) {
    JsonObject sensors = new JsonObject();
    readings.forEach(reading -> sensors.put(reading.sensor(), reading.toJson()));
    return bus.request(Addresses.STORE_READINGS, new JsonObject().put("source", sourceId).put("readings", sensors))
        .mapEmpty();
  }

  public Future<JsonObject> updateStatus(String sourceId, JsonObject fields) {
    return bus.<JsonObject>request(Addresses.STORE_STATUS, new JsonObject().put("source", sourceId).put("status", fields))
        .map(reply -> reply.body());
  }

  /** The {@code config:{section}} document as stored on the hub, or null when it was never written. */
  public Future<JsonObject> config(String section) {
    return bus.<JsonObject>request(Addresses.STORE_CONFIG, new JsonObject().put("section", section))
        .map(reply -> reply.body().getJsonObject("document"));
  }

  /** Keeps a scan's result as {@code scan:{kind}} for its 60 s TTL. */
  public Future<Void> putScan(String kind, JsonObject result) {
    return bus.request(Addresses.STORE_SCAN, new JsonObject().put("kind", kind).put("result", result)).mapEmpty();
  }
}

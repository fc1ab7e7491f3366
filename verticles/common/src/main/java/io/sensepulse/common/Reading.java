package io.sensepulse.common;

import io.vertx.core.json.JsonObject;

/**
 * One sensor value as stored at {@code source:{id}:{sensor}}.
 *
 * @param value a number, string or boolean
 * @param timestamp seconds since the epoch, fractional (the original Python services wrote time.time())
 */
public record Reading(String sensor, Object value, String unit, double timestamp) {

  public static Reading of(String sensor, Object value, String unit) {
    return new Reading(sensor, value, unit, System.currentTimeMillis() / 1000.0);
  }

  /** The stored and published form: {@code {value, unit, timestamp}}. */
  public JsonObject toJson() {
    return new JsonObject().put("value", value).put("unit", unit).put("timestamp", timestamp);
  }
}

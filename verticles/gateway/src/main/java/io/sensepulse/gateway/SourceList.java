package io.sensepulse.gateway;

import io.sensepulse.common.RedisKeys;
import io.sensepulse.common.source.SourceCatalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sources the dashboard should follow, {@code [{id, pattern, interval}]} sorted by id: anything
 * scheduled, and anything with current readings or status (a source on another
 * node may not be in this node's catalogue). The bridge has no wildcard subscriptions, so the
 * dashboard registers {@code data.<id>} and {@code status.<id>} for each entry.
 */
final class SourceList {
  private SourceList() {}

  /**
   * @param schedule {@code config:schedule}, or null when never written
   * @param readings {@code {source: {sensor: reading}}}
   * @param statuses {@code {source: status}}
   */
  static JsonArray build(JsonObject schedule, JsonObject readings, JsonObject statuses) {
    Map<String, JsonObject> byId = new TreeMap<>();
    JsonObject intervals = schedule == null ? new JsonObject() : schedule;
    intervals.fieldNames().forEach(id -> entry(byId, id));
    readings.fieldNames().forEach(id -> entry(byId, id));
    statuses.fieldNames().forEach(id -> entry(byId, id));
    byId.remove(RedisKeys.ORCHESTRATOR_STATUS_ID);
    // The catalogue only says how a source runs; one that is neither scheduled nor heard from is not shown.
    SourceCatalog.ALL.stream().filter(entry -> byId.containsKey(entry.id()))
        .forEach(entry -> byId.get(entry.id()).put("pattern", entry.pattern().name().toLowerCase(Locale.ROOT)));
    JsonArray list = new JsonArray();
    byId.forEach((id, source) -> {
      JsonObject status = statuses.getJsonObject(id, new JsonObject());
      if (source.getValue("pattern") == null && status.getValue("pattern") instanceof String pattern) {
        source.put("pattern", pattern);
      }
      Object interval = intervals.getValue(id) instanceof Number scheduled ? scheduled : status.getValue("refresh_interval");
      list.add(source.put("interval", interval instanceof Number number ? number.intValue() : null));
    });
    return list;
  }

  private static JsonObject entry(Map<String, JsonObject> byId, String id) {
    return byId.computeIfAbsent(id, key -> new JsonObject().put("id", key).put("pattern", null));
  }
}

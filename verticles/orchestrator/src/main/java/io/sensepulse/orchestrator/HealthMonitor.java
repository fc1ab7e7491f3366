package io.sensepulse.orchestrator;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Tells which scheduled sources are overdue: no success for longer than {@value #OVERDUE_INTERVALS}
 * intervals, counted from the last success or, before the first one, from when the source was
 * scheduled. Successes the orchestrator saw itself are remembered, because {@code status:{id}}
 * expires after 120 s, sooner than a slow source's interval. Not thread safe: one context.
 */
final class HealthMonitor {
  static final int OVERDUE_INTERVALS = 3;

  private final Function<String, Future<JsonObject>> statusOf;
  private final Map<String, Double> lastSuccess = new HashMap<>();
  private JsonObject report = new JsonObject().put("overdue", new JsonArray()).put("health", new JsonObject());

  /** {@code statusOf} reads {@code status:{id}} (null when absent). */
  HealthMonitor(Function<String, Future<JsonObject>> statusOf) {
    this.statusOf = statusOf;
  }

  /** A run of the source succeeded at {@code at} (seconds since the epoch). */
  void succeeded(String id, double at) {
    lastSuccess.merge(id, at, Math::max);
  }

  /**
   * Reads the status of every scheduled source and updates {@link #report()}. A status that cannot
   * be read (Redis down) counts as absent, so remembered successes still count.
   *
   * @param scheduled source id to interval (s)
   * @param scheduledAt source id to when it was scheduled (s since the epoch)
   */
  Future<JsonObject> check(Map<String, Integer> scheduled, Map<String, Double> scheduledAt, double now) {
    Map<String, Integer> intervals = new TreeMap<>(scheduled);
    Map<String, Double> since = Map.copyOf(scheduledAt);
    List<String> ids = new ArrayList<>(intervals.keySet());
    List<Future<JsonObject>> reads = new ArrayList<>();
    ids.forEach(id -> reads.add(statusOf.apply(id).otherwiseEmpty()));
    return Future.join(reads).transform(read -> {
      lastSuccess.keySet().retainAll(intervals.keySet());
      JsonArray overdue = new JsonArray();
      JsonObject health = new JsonObject();
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        if (reads.get(i).result() != null && reads.get(i).result().getValue("last_success") instanceof Number stored) {
          succeeded(id, stored.doubleValue());
        }
        Double last = lastSuccess.get(id);
        int interval = intervals.get(id);
        boolean late = isOverdue(interval, last, since.getOrDefault(id, now), now);
        if (late) {
          overdue.add(id);
        }
        health.put(id, new JsonObject().put("overdue", late).put("last_success", last).put("interval", interval));
      }
      report = new JsonObject().put("overdue", overdue).put("health", health);
      return Future.succeededFuture(report());
    });
  }

  /** {@code {overdue: [ids], health: {id: {overdue, last_success, interval}}}} as of the last check. */
  JsonObject report() {
    return report.copy();
  }

  static boolean isOverdue(int intervalSeconds, Double lastSuccess, double scheduledAt, double now) {
    double since = lastSuccess != null ? lastSuccess : scheduledAt;
    return now - since > (double) OVERDUE_INTERVALS * intervalSeconds;
  }
}

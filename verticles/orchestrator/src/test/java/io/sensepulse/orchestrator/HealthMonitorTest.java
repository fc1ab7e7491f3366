package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overdue rule with explicit times: no clock, no timers. */
class HealthMonitorTest {

  @Test
  void overdueAfterThreeIntervalsWithoutSuccess() {
    assertFalse(HealthMonitor.isOverdue(30, 1000.0, 0, 1090), "exactly three intervals is not late yet");
    assertTrue(HealthMonitor.isOverdue(30, 1000.0, 0, 1090.5));
    assertFalse(HealthMonitor.isOverdue(30, null, 1000, 1090), "never succeeded: counted from scheduling");
    assertTrue(HealthMonitor.isOverdue(30, null, 1000, 1091));
  }

  @Test
  void checkReadsStatusesAndRemembersSuccessesBeyondTheStatusTtl() {
    Map<String, JsonObject> statuses = Map.of(
        "fresh", new JsonObject().put("last_success", 990.0),
        "stale", new JsonObject().put("last_success", 100.0),
        "junk", new JsonObject().put("last_success", "yesterday"));
    HealthMonitor monitor = new HealthMonitor(id -> statuses.containsKey(id)
        ? Future.succeededFuture(statuses.get(id))
        : id.equals("down") ? Future.failedFuture("Redis is unavailable") : Future.succeededFuture(null));
    // 'expired' has no status any more (TTL), but the orchestrator saw it succeed.
    monitor.succeeded("expired", 900.0);
    Map<String, Integer> scheduled = Map.of("fresh", 30, "stale", 30, "junk", 30, "expired", 300, "down", 30, "new", 30);
    Map<String, Double> since = Map.of("fresh", 0.0, "stale", 0.0, "junk", 0.0, "expired", 0.0, "down", 0.0, "new", 950.0);

    JsonObject report = monitor.check(scheduled, since, 1000.0).result();

    assertEquals(new JsonArray().add("down").add("junk").add("stale"), report.getJsonArray("overdue"));
    JsonObject health = report.getJsonObject("health");
    assertEquals(new JsonObject().put("overdue", false).put("last_success", 900.0).put("interval", 300),
        health.getJsonObject("expired"));
    assertEquals(new JsonObject().put("overdue", false).put("last_success", null).put("interval", 30),
        health.getJsonObject("new"));
    assertEquals(report, monitor.report());
  }
}

package io.sensepulse.sources.pihole;

import io.sensepulse.common.json.JsonTree;
import java.util.Map;

/**
 * Pi-hole's counters for the last 24 hours and its blocking state, from either API.
 *
 * <p>v6 {@code GET /api/stats/summary}: {@code {"queries":{"total","blocked","percent_blocked",...},
 * "clients":{"active","total"},"gravity":{"domains_being_blocked","last_update"},"took"}}; the blocking
 * state comes from a second call, {@code GET /api/dns/blocking}. v5 {@code api.php?summaryRaw}:
 * {@code {"domains_being_blocked","dns_queries_today","ads_blocked_today","ads_percentage_today",
 * "unique_clients",...,"status"}}.
 *
 * @param apiVersion "v6" or "v5"
 * @param clients v6 {@code clients.active}, v5 {@code unique_clients}: clients seen in the last 24 hours
 */
public record PiholeStats(
    String apiVersion, long queries, long blocked, double percentBlocked, long domainsBlocked, long clients,
    Blocking blocking) {

  public static PiholeStats fromV6(String summaryBody, String blockingBody) {
    Map<String, Object> root = JsonTree.object(JsonTree.parse(summaryBody), "summary");
    Map<String, Object> queries = JsonTree.object(root, "queries", "summary");
    Map<String, Object> clients = JsonTree.object(root, "clients", "summary");
    Map<String, Object> gravity = JsonTree.object(root, "gravity", "summary");
    return new PiholeStats(
        "v6",
        JsonTree.count(queries, "total", "summary.queries"),
        JsonTree.count(queries, "blocked", "summary.queries"),
        JsonTree.number(queries, "percent_blocked", "summary.queries"),
        JsonTree.count(gravity, "domains_being_blocked", "summary.gravity"),
        JsonTree.count(clients, "active", "summary.clients"),
        Blocking.fromV6(blockingBody));
  }

  public static PiholeStats fromV5(String body) {
    Map<String, Object> root = V5.object(body);
    return new PiholeStats(
        "v5",
        JsonTree.count(root, "dns_queries_today", "summaryRaw"),
        JsonTree.count(root, "ads_blocked_today", "summaryRaw"),
        JsonTree.number(root, "ads_percentage_today", "summaryRaw"),
        JsonTree.count(root, "domains_being_blocked", "summaryRaw"),
        JsonTree.count(root, "unique_clients", "summaryRaw"),
        Blocking.fromV5(body));
  }
}

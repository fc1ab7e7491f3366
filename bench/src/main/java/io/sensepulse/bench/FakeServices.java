package io.sensepulse.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Local stand-ins for the services the hub's sources poll, so the RSS run of bench/ephemeral-cycle
 * exercises them: Pi-hole v6 ({@code POST/DELETE /api/auth}, {@code GET /api/stats/summary},
 * {@code GET /api/dns/blocking}) and Open-Meteo ({@code GET /v1/forecast}), each with a minimal
 * valid answer. Prints its port, then one line per request (method, path, running count).
 * Usage: FakeServices [port=0]
 */
public final class FakeServices {
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Vertx vertx = Vertx.vertx();
    Map<String, Integer> counts = new TreeMap<>();
    String auth = new JsonObject().put("session", new JsonObject().put("valid", true).put("totp", false)
        .put("sid", "benchsid0123456789").put("csrf", "benchcsrf").put("validity", 1800)
        .put("message", "password correct")).put("took", 0.001).encode();
    String summary = new JsonObject()
        .put("queries", new JsonObject().put("total", 12000).put("blocked", 1500).put("percent_blocked", 12.5))
        .put("clients", new JsonObject().put("active", 4).put("total", 7))
        .put("gravity", new JsonObject().put("domains_being_blocked", 150000).put("last_update", 1700000000))
        .put("took", 0.001).encode();
    String blocking = new JsonObject().put("blocking", "enabled").put("timer", null).put("took", 0.001).encode();
    String forecast = new JsonObject()
        .put("latitude", 52.52).put("longitude", 13.41)
        .put("current_units", new JsonObject().put("temperature_2m", "°C").put("wind_speed_10m", "km/h"))
        .put("current", new JsonObject().put("temperature_2m", 14.2).put("apparent_temperature", 12.9)
            .put("relative_humidity_2m", 61).put("wind_speed_10m", 9.4).put("weather_code", 3).put("is_day", 1))
        .put("daily", new JsonObject().put("temperature_2m_max", new JsonArray().add(17.0))
            .put("temperature_2m_min", new JsonArray().add(8.5)))
        .encode();
    vertx.createHttpServer().requestHandler(request -> {
      String key = request.method() + " " + request.path();
      int count = counts.merge(key, 1, Integer::sum);
      System.out.println("fake-services: " + key + " " + count);
      String body = switch (key) {
        case "POST /api/auth" -> auth;
        case "GET /api/stats/summary" -> summary;
        case "GET /api/dns/blocking" -> blocking;
        case "GET /v1/forecast" -> forecast;
        default -> null;
      };
      if (request.method() == HttpMethod.DELETE && request.path().equals("/api/auth")) {
        request.response().setStatusCode(204).end();
      } else if (body == null) {
        request.response().setStatusCode(404).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", new JsonObject().put("key", "not_found").put("message", "Not found")).encode());
      } else {
        request.response().putHeader("content-type", "application/json").end(body);
      }
    }).listen(port, "127.0.0.1").onSuccess(server -> System.out.println("fake-services: listening on " + server.actualPort()))
        .onFailure(error -> {
          error.printStackTrace();
          System.exit(1);
        });
  }
}

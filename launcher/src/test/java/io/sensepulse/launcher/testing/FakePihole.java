package io.sensepulse.launcher.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Pi-hole v6 on a free loopback port for the dashboard tests: sign-in, the 24 h summary and the
 * blocking state, answered with payloads recorded from a real Pi-hole (src/test/resources/pihole/,
 * copies of the sources module's). Blocking is a state: a POST changes what the next GET reads.
 */
public final class FakePihole {
  public static final String PASSWORD = "hunter22";

  private volatile String blocking = "enabled";
  private volatile Integer timer;
  private HttpServer server;

  public Future<FakePihole> start(Vertx vertx) {
    return vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> answer(request, body.toString())))
        .listen(0, "127.0.0.1")
        .map(started -> {
          server = started;
          return this;
        });
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private void answer(HttpServerRequest request, String body) {
    switch (request.method().name() + " " + request.path()) {
      case "POST /api/auth" -> {
        boolean right = PASSWORD.equals(new JsonObject(body).getString("password"));
        reply(request, right ? 200 : 401, right ? recorded("v6-auth.json")
            : "{\"error\":{\"key\":\"unauthorized\",\"message\":\"Unauthorized\",\"hint\":null},\"took\":0.0}");
      }
      case "DELETE /api/auth" -> request.response().setStatusCode(204).end();
      case "GET /api/stats/summary" -> reply(request, 200, recorded("v6-summary.json"));
      case "GET /api/dns/blocking" -> reply(request, 200, blockingAnswer());
      case "POST /api/dns/blocking" -> {
        JsonObject change = new JsonObject(body);
        blocking = change.getBoolean("blocking") ? "enabled" : "disabled";
        timer = change.getInteger("timer");
        reply(request, 200, blockingAnswer());
      }
      default -> reply(request, 404, "{\"error\":{\"key\":\"not_found\",\"message\":\"Not found\",\"hint\":null},\"took\":0.0}");
    }
  }

  /** The shape of the recorded v6-blocking.json answers. */
  private String blockingAnswer() {
    return new JsonObject().put("blocking", blocking).put("timer", timer).put("took", 4.1961669921875e-05).encode();
  }

  private static void reply(HttpServerRequest request, int status, String json) {
    request.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(json);
  }

  private static String recorded(String name) {
    try (InputStream in = FakePihole.class.getResourceAsStream("/pihole/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded answer " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

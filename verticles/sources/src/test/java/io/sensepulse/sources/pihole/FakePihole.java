package io.sensepulse.sources.pihole;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Pi-hole on a free loopback port that answers with the recorded payloads: v6 (sessions checked
 * as FTL does) or, with {@link #v5}, v5's lighttpd (404 HTML under /api, api.php with a token).
 */
final class FakePihole {
  static final String PASSWORD = "hunter22";

  /** One request as it arrived. */
  record Seen(HttpMethod method, String uri, String sid, String body) {}

  /** A canned answer for a path; a null body with status 0 means never answer. */
  record Answer(int status, String contentType, String body) {
    static final Answer HANG = new Answer(0, null, null);

    static Answer json(int status, String body) {
      return new Answer(status, "application/json; charset=utf-8", body);
    }

    static Answer html(int status) {
      return new Answer(status, "text/html", Recorded.text("not-found.html"));
    }
  }

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final Map<String, Answer> overrides = new ConcurrentHashMap<>();
  volatile boolean v5;
  /** v6 without a web password: every call is allowed, login gives no session. */
  volatile boolean noPassword;
  volatile boolean sessionValid;
  private HttpServer server;

  Future<FakePihole> start(Vertx vertx) {
    return vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> answer(request, body.toString())))
        .listen(0, "127.0.0.1")
        .map(started -> {
          server = started;
          return this;
        });
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  long count(HttpMethod method, String path) {
    return seen.stream().filter(s -> s.method().equals(method) && s.uri().startsWith(path)).count();
  }

  private void answer(HttpServerRequest request, String body) {
    seen.add(new Seen(request.method(), request.uri(), request.getHeader(PiholeClient.SID_HEADER), body));
    Answer answer = overrides.get(request.path());
    if (answer == null) {
      answer = v5 ? v5(request) : v6(request, body);
    }
    if (answer.status() == 0) {
      return;
    }
    request.response().setStatusCode(answer.status());
    if (answer.contentType() != null) {
      request.response().putHeader("content-type", answer.contentType());
    }
    request.response().end(answer.body());
  }

  private Answer v6(HttpServerRequest request, String body) {
    boolean authorised = noPassword || sessionValid && Recorded.SID.equals(request.getHeader(PiholeClient.SID_HEADER));
    return switch (request.method().name() + " " + request.path()) {
      case "POST /api/auth" -> {
        if (noPassword) {
          yield Answer.json(200, Recorded.text("v6-auth-no-password.json"));
        }
        if (PASSWORD.equals(new JsonObject(body).getString("password"))) {
          sessionValid = true;
          yield Answer.json(200, Recorded.text("v6-auth.json"));
        }
        yield Answer.json(401, Recorded.text("v6-auth-wrong-password.json"));
      }
      case "DELETE /api/auth" -> {
        if (authorised) {
          sessionValid = false;
          yield new Answer(204, null, "");
        }
        yield Answer.json(401, Recorded.text("v6-auth-wrong-password.json"));
      }
      case "GET /api/stats/summary" -> authorised ? Answer.json(200, Recorded.text("v6-summary.json")) : unauthorized();
      case "GET /api/dns/blocking" -> authorised ? Answer.json(200, Recorded.text("v6-blocking.json")) : unauthorized();
      case "POST /api/dns/blocking" -> {
        if (!authorised) {
          yield unauthorized();
        }
        JsonObject change = new JsonObject(body);
        yield Answer.json(200, new JsonObject().put("blocking", change.getBoolean("blocking") ? "enabled" : "disabled")
            .put("timer", change.getValue("timer")).put("took", 0.0001).encode());
      }
      default -> Answer.json(404, "{\"error\":{\"key\":\"not_found\",\"message\":\"Not found\",\"hint\":null},\"took\":0.0}");
    };
  }

  private static Answer unauthorized() {
    return Answer.json(401, Recorded.text("v6-unauthorized.json"));
  }

  /** v5: lighttpd's 404 page outside api.php; api.php answers [] unless auth is the token of {@link #PASSWORD}. */
  private static Answer v5(HttpServerRequest request) {
    if (!request.path().equals("/admin/api.php")) {
      return Answer.html(404);
    }
    if (!V5.token(PASSWORD).equals(request.getParam("auth"))) {
      return Answer.json(200, Recorded.text("v5-unauthorized.json"));
    }
    if (request.params().contains("summaryRaw")) {
      return Answer.json(200, Recorded.text("v5-summaryRaw.json"));
    }
    if (request.params().contains("disable")) {
      return Answer.json(200, Recorded.text("v5-disable.json"));
    }
    if (request.params().contains("enable")) {
      return Answer.json(200, Recorded.text("v5-enable.json"));
    }
    return Answer.json(200, "[]");
  }
}

package io.sensepulse.sources.pihole;

import io.sensepulse.common.Secrets;
import io.sensepulse.common.json.JsonTree;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Talks to one Pi-hole: the v6 REST API when it has one, else v5's api.php.
 *
 * <p>The v6 session lives in the node's local shared data, keyed by the Pi-hole's URL, so the
 * ephemeral source deployed for each poll reuses it until it runs out or Pi-hole refuses it (then
 * it logs in once more); {@link PiholeSessionVerticle} deletes it on shutdown. Every failure ends
 * as a {@link PiholeException} whose message holds neither the password, the v5 token nor the
 * session id.
 */
public final class PiholeClient {
  /** The local map of live v6 sessions: Pi-hole URL to {@code {sid, validity, expires_at}}. */
  public static final String SESSIONS_MAP = "pihole.sessions";
  public static final String SID_HEADER = "X-FTL-SID";
  /** A session this close to its end is not used: it could expire on the way. */
  private static final long EXPIRY_MARGIN_MS = 10_000;

  private final WebClient web;
  private final PiholeConfig config;
  private final LocalMap<String, JsonObject> sessions;

  public PiholeClient(Vertx vertx, WebClient web, PiholeConfig config) {
    this.web = web;
    this.config = config;
    this.sessions = vertx.sharedData().getLocalMap(SESSIONS_MAP);
  }

  public static WebClientOptions options(PiholeConfig config) {
    return new WebClientOptions().setConnectTimeout(config.timeoutMs()).setUserAgent("sense-pulse");
  }

  /** The counters and the blocking state. */
  public Future<PiholeStats> stats() {
    return v6(sid -> call(HttpMethod.GET, "/api/stats/summary", sid, null)
            .compose(summary -> call(HttpMethod.GET, "/api/dns/blocking", sid, null)
                .map(blocking -> PiholeStats.fromV6(summary, blocking))))
        .recover(error -> error instanceof V6Absent ? v5("summaryRaw").map(PiholeStats::fromV5) : Future.failedFuture(error))
        .recover(this::clean);
  }

  /** Turns blocking on or off, for good or for a number of seconds after which Pi-hole flips it back. */
  public Future<Blocking> setBlocking(boolean enabled, Optional<Integer> timerSeconds) {
    JsonObject body = new JsonObject().put("blocking", enabled).put("timer", timerSeconds.orElse(null));
    return v6(sid -> call(HttpMethod.POST, "/api/dns/blocking", sid, body).map(Blocking::fromV6))
        .recover(error -> {
          if (!(error instanceof V6Absent)) {
            return Future.failedFuture(error);
          }
          if (enabled && timerSeconds.isPresent()) {
            return Future.failedFuture(new PiholeException("Pi-hole v5 cannot enable blocking for a limited time"));
          }
          return v5(enabled ? "enable" : "disable" + timerSeconds.map(seconds -> "=" + seconds).orElse(""))
              .map(Blocking::fromV5);
        })
        .recover(this::clean);
  }

  // ---- v6

  /** Runs the calls with the stored session, or a new one; once more with a new one if Pi-hole refused the stored one. */
  private <T> Future<T> v6(Function<Optional<String>, Future<T>> calls) {
    Optional<String> stored = storedSid();
    if (stored.isEmpty()) {
      return login().compose(sid -> touched(sid, calls.apply(sid)));
    }
    return touched(stored, calls.apply(stored)).recover(error -> {
      if (!(error instanceof UnauthorizedException)) {
        return Future.failedFuture(error);
      }
      forget(stored.get());
      return login().compose(sid -> touched(sid, calls.apply(sid)));
    });
  }

  /** Pi-hole renews a session on every use: so does the stored expiry. */
  private <T> Future<T> touched(Optional<String> sid, Future<T> calls) {
    return calls.onSuccess(done -> sid.ifPresent(id -> {
      JsonObject session = sessions.get(config.url());
      if (session != null && id.equals(session.getString("sid"))) {
        sessions.put(config.url(), session.copy()
            .put("expires_at", System.currentTimeMillis() + session.getLong("validity") * 1000));
      }
    }));
  }

  private void forget(String sid) {
    JsonObject session = sessions.get(config.url());
    if (session != null && sid.equals(session.getString("sid"))) {
      sessions.removeIfPresent(config.url(), session);
    }
  }

  private Optional<String> storedSid() {
    JsonObject session = sessions.get(config.url());
    if (session == null || session.getLong("expires_at", 0L) - EXPIRY_MARGIN_MS < System.currentTimeMillis()) {
      return Optional.empty();
    }
    return Optional.ofNullable(session.getString("sid"));
  }

  /** POST /api/auth; the session id, or empty when this Pi-hole needs none. */
  private Future<Optional<String>> login() {
    return send(request(HttpMethod.POST, "/api/auth"), new JsonObject().put("password", config.password()))
        .map(response -> {
          String body = response.bodyAsString() == null ? "" : response.bodyAsString();
          int status = response.statusCode();
          if (status == 404 || (status == 200 && !JsonTree.isJson(body))) {
            throw new V6Absent();
          }
          if (status == 401) {
            String why = AuthAnswer.parse(body).message();
            throw new PiholeException("Pi-hole refused the password" + (why.isEmpty() ? "" : " (" + why + ")"));
          }
          if (status != 200) {
            throw new PiholeException("Pi-hole login answered HTTP " + status + ApiError.describe(body).map(e -> ": " + e)
                .orElse("") + (status == 400 ? " (with two-factor sign-in on, use an app password)" : ""));
          }
          AuthAnswer answer = AuthAnswer.parse(body);
          if (!answer.valid()) {
            throw new PiholeException("Pi-hole refused the login" + (answer.message().isEmpty() ? "" : " (" + answer.message() + ")"));
          }
          answer.sid().ifPresent(sid -> sessions.put(config.url(), new JsonObject().put("sid", sid)
              .put("validity", answer.validitySeconds())
              .put("expires_at", System.currentTimeMillis() + answer.validitySeconds() * 1000)));
          return answer.sid();
        });
  }

  /** One authorised v6 call: the body of a 200 answer. */
  private Future<String> call(HttpMethod method, String path, Optional<String> sid, JsonObject body) {
    HttpRequest<Buffer> request = request(method, path);
    sid.ifPresent(id -> request.putHeader(SID_HEADER, id));
    return send(request, body).map(response -> {
      String text = response.bodyAsString() == null ? "" : response.bodyAsString();
      int status = response.statusCode();
      if (status == 401) {
        throw new UnauthorizedException("Pi-hole refused the session on " + path
            + ApiError.describe(text).map(e -> " (" + e + ")").orElse(""));
      }
      if (status == 404 || (status == 200 && !JsonTree.isJson(text))) {
        throw new V6Absent();
      }
      if (status != 200) {
        throw new PiholeException(path + " answered HTTP " + status + ApiError.describe(text).map(e -> ": " + e).orElse(""));
      }
      return text;
    });
  }

  // ---- v5

  /** GET /admin/api.php?{query}&auth={token}; the body of the answer. */
  private Future<String> v5(String query) {
    String token = v5Token();
    String uri = "/admin/api.php?" + query + (token.isEmpty() ? "" : "&auth=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    return send(request(HttpMethod.GET, uri), null).map(response -> {
      if (response.statusCode() != 200) {
        throw new PiholeException("no v6 API, and /admin/api.php answered HTTP " + response.statusCode());
      }
      return response.bodyAsString() == null ? "" : response.bodyAsString();
    });
  }

  private String v5Token() {
    return !config.apiToken().isEmpty() ? config.apiToken() : config.password().isEmpty() ? "" : V5.token(config.password());
  }

  // ---- plumbing

  private HttpRequest<Buffer> request(HttpMethod method, String pathAndQuery) {
    return web.requestAbs(method, config.url() + pathAndQuery).timeout(config.timeoutMs());
  }

  private static Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, JsonObject body) {
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /**
   * Every failure as a PiholeException fit for a status document. Transport errors are described
   * here rather than passed on: Vert.x's timeout message quotes the request URI, v5's token included.
   */
  private <T> Future<T> clean(Throwable error) {
    String message;
    if (error instanceof PiholeException) {
      message = error.getMessage();
    } else if (error instanceof UnauthorizedException) {
      message = error.getMessage() + "; check the password in config:pihole";
    } else if (error instanceof IllegalArgumentException) {
      message = "Pi-hole at " + config.url() + " gave an answer this source cannot read: " + error.getMessage();
    } else if (error instanceof TimeoutException) {
      message = "Pi-hole at " + config.url() + " did not answer within " + config.timeoutMs() + " ms";
    } else {
      message = "cannot reach Pi-hole at " + config.url() + " (" + (error.getMessage() != null ? error.getMessage()
          : error.getClass().getSimpleName()) + ")";
    }
    return Future.failedFuture(new PiholeException(scrub(message)));
  }

  /** Belt and braces: whatever Pi-hole or the network put in a message, no secret of ours leaves. */
  private String scrub(String message) {
    String clean = message;
    for (String secret : new String[] {config.password(), config.apiToken(), v5Token()}) {
      if (secret.length() >= 4) {
        clean = clean.replace(secret, Secrets.REDACTED);
      }
    }
    JsonObject session = sessions.get(config.url());
    if (session != null && session.getString("sid") != null) {
      clean = clean.replace(session.getString("sid"), Secrets.REDACTED);
    }
    return clean;
  }

  /** This web server has no v6 API: a 404 or an answer that is not JSON where v6 answers JSON. */
  private static final class V6Absent extends RuntimeException {
    V6Absent() {
      super("no Pi-hole v6 API", null, false, false);
    }
  }
}

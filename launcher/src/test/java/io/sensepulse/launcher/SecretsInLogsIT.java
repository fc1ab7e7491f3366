package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.testing.NodeProcess;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole hub run with sign-in configured, driven through sign-in (wrong and right password), a
 * settings change and sign-out; then its entire log must hold none of the secrets it handled.
 */
class SecretsInLogsIT {
  private static final String PASSWORD = "Sideline-Secret-4711";
  private static final String WRONG_PASSWORD = "Wrong-Guess-0815";

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aFullRunLogsNoSecret(@TempDir Path dataDir) throws Exception {
    String hash = BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(6, PASSWORD.toCharArray());
    int port = RedisServer.freePort();
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, hash, hash.substring(29)));
    String output;
    try (RedisServer redis = RedisServer.startNew();
         NodeProcess hub = NodeProcess.startHub("secrets-it", port, redis.url(), dataDir, Map.of(
             "AUTH_ENABLED", "true",
             "AUTH_USERNAME", "coach",
             "AUTH_PASSWORD_HASH", hash,
             "AUTH_ANONYMOUS_READ", "false"))) {
      hub.awaitStarted(60);
      secrets.addAll(exercise(port));
      // A normal stop, so that the log checked below includes the shutdown.
      hub.stop();
      output = hub.output();
    }
    assertTrue(output.contains("Gateway listening"), output);
    for (String secret : secrets) {
      assertFalse(output.contains(secret), "the log contains a secret (" + secret.length() + " characters)");
    }
  }

  /** Signs in wrongly and rightly, changes a setting, signs out; returns the session and CSRF values seen. */
  private static List<String> exercise(int port) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://127.0.0.1:" + port;
    List<String> seen = new ArrayList<>();
    assertEquals(200, send(http, get(base + "/api/auth/me")).statusCode());
    // The gateway renews the CSRF token after every write: each request sends the current one.
    assertEquals(401, send(http, post(base + "/api/auth/login", csrf(cookies, seen),
        "{\"username\":\"coach\",\"password\":\"" + WRONG_PASSWORD + "\"}")).statusCode());
    assertEquals(200, send(http, post(base + "/api/auth/login", csrf(cookies, seen),
        "{\"username\":\"coach\",\"password\":\"" + PASSWORD + "\"}")).statusCode());
    seen.add(cookie(cookies, "pulse.session"));
    HttpResponse<String> saved = send(http, HttpRequest.newBuilder(URI.create(base + "/api/config/schedule"))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf(cookies, seen))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"system\": 45}")).build());
    assertEquals(200, saved.statusCode(), saved.body());
    HttpResponse<String> auth = send(http, get(base + "/api/config/auth"));
    assertEquals(200, auth.statusCode());
    assertTrue(auth.body().contains("********") && !auth.body().contains("$2b$"), "hashes are redacted: " + auth.body());
    assertEquals(204, send(http, post(base + "/api/auth/logout", csrf(cookies, seen), "")).statusCode());
    seen.removeIf(value -> value == null || value.length() < 16);
    return seen;
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The current CSRF token, remembered among the values the log must not contain. */
  private static String csrf(CookieManager cookies, List<String> seen) {
    String token = cookie(cookies, "XSRF-TOKEN");
    seen.add(token);
    return token;
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET().build();
  }

  private static HttpRequest post(String url, String csrf, String json) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", csrf == null ? "" : csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private static String cookie(CookieManager cookies, String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }
}

package io.sensepulse.sources.pihole;

import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The {@code config:pihole} section: {@code {"url": "http://pi.hole", "password": "...",
 * "api_token": "...", "timeout_ms": 5000}}.
 *
 * <p>{@code url} is where the Pi-hole's web server answers (http or https, optionally with a path
 * prefix, no credentials, query or fragment); the original Sense Pulse called it {@code host} and
 * that name is accepted too, as is a bare host name ({@code pi.hole} means {@code http://pi.hole}).
 * {@code password} is the web interface password or a v6 app password (needed when two-factor
 * sign-in is on); empty when the Pi-hole has none. {@code api_token} is for v5 only, and only when
 * the password is not known: v5 takes the hash of the password as its token, which is computed from
 * {@code password} otherwise.
 */
public record PiholeConfig(String url, String password, String apiToken, int timeoutMs) {
  public static final String URL = "url";
  /** The original Sense Pulse's name for the url. */
  public static final String HOST = "host";
  public static final String PASSWORD = "password";
  public static final String API_TOKEN = "api_token";
  public static final String TIMEOUT_MS = "timeout_ms";
  public static final int DEFAULT_TIMEOUT_MS = 5_000;
  private static final Set<String> FIELDS = Set.of(URL, HOST, PASSWORD, API_TOKEN, TIMEOUT_MS);
  private static final int MAX_SECRET_LENGTH = 256;

  public static PiholeConfig from(JsonObject section) {
    if (section == null) {
      throw new IllegalArgumentException("pihole is not configured: config:pihole needs at least a url");
    }
    for (String field : section.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException("pihole: unknown field '" + field + "'; known: url, password, api_token, timeout_ms");
      }
    }
    Object url = section.getValue(URL);
    Object host = section.getValue(HOST);
    if (url != null && host != null && !url.equals(host)) {
      throw new IllegalArgumentException("pihole: give url or host, not both");
    }
    return new PiholeConfig(
        url(url != null ? url : host),
        secret(section, PASSWORD),
        secret(section, API_TOKEN),
        timeout(section));
  }

  private static int timeout(JsonObject section) {
    try {
      return PulseSettings.intIn(section, TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 100, 60_000);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("pihole: " + e.getMessage());
    }
  }

  /** The section validator: the normalised document, or IllegalArgumentException with a message fit for the user. */
  public static JsonObject validate(JsonObject section) {
    PiholeConfig config = from(section);
    JsonObject normalised = new JsonObject().put(URL, config.url).put(PASSWORD, config.password);
    if (!config.apiToken.isEmpty()) {
      normalised.put(API_TOKEN, config.apiToken);
    }
    return normalised.put(TIMEOUT_MS, config.timeoutMs);
  }

  private static String url(Object raw) {
    if (!(raw instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("pihole: url is required, e.g. http://pi.hole");
    }
    String candidate = text.trim().contains("://") ? text.trim() : "http://" + text.trim();
    URI uri;
    try {
      uri = new URI(candidate);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("pihole: url is not a valid URL");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("pihole: url must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("pihole: url needs a host name or address");
    }
    // Never echo the URL in these messages: user info would be a password.
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("pihole: url must not hold credentials; put the password in 'password'");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("pihole: url must not have a query or fragment");
    }
    String normalised = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority() + uri.getRawPath();
    return normalised.endsWith("/") ? normalised.substring(0, normalised.length() - 1) : normalised;
  }

  private static String secret(JsonObject section, String field) {
    Object raw = section.getValue(field);
    if (raw == null) {
      return "";
    }
    if (!(raw instanceof String text) || text.length() > MAX_SECRET_LENGTH) {
      throw new IllegalArgumentException("pihole: " + field + " must be text of at most " + MAX_SECRET_LENGTH + " characters");
    }
    return text;
  }

  /** Never shows the password or token: records print every field otherwise. */
  @Override
  public String toString() {
    return "PiholeConfig[url=" + url + ", password=" + (password.isEmpty() ? "none" : "<hidden>") + ", api_token="
        + (apiToken.isEmpty() ? "none" : "<hidden>") + ", timeout_ms=" + timeoutMs + "]";
  }
}

package io.sensepulse.sources.tailscale;

import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code tailscale} config section: {@code {"socket": "/var/run/tailscale/tailscaled.sock",
 * "timeout_ms": 5000}}, both optional.
 */
public record TailscaleConfig(String socket, Duration timeout) {
  public static final String SECTION = "tailscale";
  public static final String SOCKET = "socket";
  public static final String TIMEOUT_MS = "timeout_ms";
  public static final String DEFAULT_SOCKET = "/var/run/tailscale/tailscaled.sock";
  public static final int DEFAULT_TIMEOUT_MS = 5_000;
  /** sun_path holds 108 bytes including the terminating NUL on Linux. */
  private static final int MAX_SOCKET_BYTES = 107;
  private static final Set<String> FIELDS = Set.of(SOCKET, TIMEOUT_MS);

  /** From a verticle's config: its {@code tailscale} object, absent meaning all defaults. */
  public static TailscaleConfig from(JsonObject config) {
    Object section = config.getValue(SECTION);
    if (section != null && !(section instanceof JsonObject)) {
      throw new IllegalArgumentException(SECTION + " must be a JSON object");
    }
    JsonObject normalised = validate(section == null ? new JsonObject() : (JsonObject) section);
    return new TailscaleConfig(normalised.getString(SOCKET), Duration.ofMillis(normalised.getInteger(TIMEOUT_MS)));
  }

  /** The validator for {@code config:tailscale}: the normalised document, or IllegalArgumentException. */
  public static JsonObject validate(JsonObject section) {
    for (String field : section.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(SECTION + ": unknown field '" + field + "'; known: " + SOCKET + ", " + TIMEOUT_MS);
      }
    }
    Object rawSocket = section.getValue(SOCKET, DEFAULT_SOCKET);
    if (!(rawSocket instanceof String socket) || !socket.startsWith("/") || socket.contains("\0")
        || socket.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_BYTES) {
      throw new IllegalArgumentException(SECTION + "." + SOCKET + " must be an absolute path of at most "
          + MAX_SOCKET_BYTES + " bytes, e.g. " + DEFAULT_SOCKET);
    }
    int timeoutMs = PulseSettings.intIn(section, TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 100, 60_000);
    return new JsonObject().put(SOCKET, socket).put(TIMEOUT_MS, timeoutMs);
  }
}

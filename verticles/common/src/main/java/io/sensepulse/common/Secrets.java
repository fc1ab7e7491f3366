package io.sensepulse.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What must never leave the hub: passwords, password hashes, tokens, keys. Anything sent to a
 * browser or written to a log or status goes through here first.
 */
public final class Secrets {
  private Secrets() {}

  public static final String REDACTED = "********";
  private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s]+)@");

  /** A field whose name says it holds a secret: password, password_hash, token, api_key, srtp_key, secret... */
  public static boolean isSecretField(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("token") || lower.contains("secret")
        || lower.endsWith("key") || lower.endsWith("_hash") || lower.equals("hash") || lower.contains("credential");
  }

  /** A deep copy with every secret field's value replaced by {@link #REDACTED} (null stays null). */
  public static JsonObject redact(JsonObject document) {
    JsonObject copy = new JsonObject();
    for (String field : document.fieldNames()) {
      Object value = document.getValue(field);
      if (isSecretField(field) && value != null) {
        copy.put(field, REDACTED);
      } else {
        copy.put(field, redactValue(value));
      }
    }
    return copy;
  }

  /**
   * A document sent back after a redacted read: each top-level secret still reading
   * {@link #REDACTED} takes the stored value again (or is dropped when nothing is stored), so a
   * client can edit other fields without ever holding the secret.
   */
  public static JsonObject restoreRedacted(JsonObject incoming, JsonObject stored) {
    JsonObject restored = incoming.copy();
    for (String field : incoming.fieldNames()) {
      if (isSecretField(field) && REDACTED.equals(incoming.getValue(field))) {
        if (stored != null && stored.getValue(field) != null) {
          restored.put(field, stored.getValue(field));
        } else {
          restored.remove(field);
        }
      }
    }
    return restored;
  }

  /** User info in URLs ({@code rtsp://user:pass@cam/...}) replaced: credentials hide in URLs too. */
  public static String redactUrl(String text) {
    return text == null ? null : URL_USER_INFO.matcher(text).replaceAll("$1" + REDACTED + "@");
  }

  private static Object redactValue(Object value) {
    if (value instanceof JsonObject object) {
      return redact(object);
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(redactValue(item)));
      return copy;
    }
    if (value instanceof String text) {
      return redactUrl(text);
    }
    return value;
  }
}

package io.sensepulse.common;

import io.sensepulse.common.auth.PasswordHashes;
import io.sensepulse.common.auth.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code config:{section}} documents users may read and change, each with the validator that a
 * write must pass. A validator returns the normalised document or throws
 * {@link IllegalArgumentException} with a message fit for the user. The schedule and sign-in are
 * built in; other modules add theirs through a {@link ConfigSectionProvider}.
 */
public final class ConfigSections {
  private ConfigSections() {}

  public static final String SCHEDULE = "schedule";
  /**
   * Sign-in: {@code {enabled, anonymous_read, users: [{username, password_hash, role}]}}, role
   * {@code viewer} or {@code operator}, hashes bcrypt. Enabled needs at least one operator.
   */
  public static final String AUTH = "auth";

  /** Refresh intervals in seconds, keyed by source id. */
  public static final int MIN_INTERVAL = 1;
  public static final int MAX_INTERVAL = 86_400;

  private static final Map<String, UnaryOperator<JsonObject>> VALIDATORS = validators();

  private static Map<String, UnaryOperator<JsonObject>> validators() {
    Map<String, UnaryOperator<JsonObject>> all = new java.util.TreeMap<>();
    all.put(SCHEDULE, ConfigSections::schedule);
    all.put(AUTH, ConfigSections::auth);
    for (ConfigSectionProvider provider : java.util.ServiceLoader.load(ConfigSectionProvider.class,
        ConfigSections.class.getClassLoader())) {
      provider.sections().forEach((name, validator) -> {
        if (all.putIfAbsent(name, validator) != null) {
          throw new IllegalStateException("config section '" + name + "' is declared twice");
        }
      });
    }
    return java.util.Collections.unmodifiableMap(all);
  }

  public static Set<String> names() {
    return VALIDATORS.keySet();
  }

  public static boolean isKnown(String section) {
    return VALIDATORS.containsKey(section);
  }

  public static JsonObject validate(String section, JsonObject document) {
    UnaryOperator<JsonObject> validator = VALIDATORS.get(section);
    if (validator == null) {
      throw new IllegalArgumentException("unknown config section '" + section + "'; known: " + names());
    }
    return validator.apply(document);
  }

  private static JsonObject auth(JsonObject document) {
    for (String field : document.fieldNames()) {
      if (!Set.of("enabled", "anonymous_read", "users").contains(field)) {
        throw new IllegalArgumentException("auth: unknown field '" + field + "'; known: enabled, anonymous_read, users");
      }
    }
    boolean enabled = bool(document, "enabled", false);
    boolean anonymousRead = bool(document, "anonymous_read", true);
    if (!(document.getValue("users", new JsonArray()) instanceof JsonArray users)) {
      throw new IllegalArgumentException("auth.users must be a list of {username, password_hash, role}");
    }
    JsonArray normalised = new JsonArray();
    Set<String> names = new HashSet<>();
    boolean operator = false;
    for (Object entry : users) {
      if (!(entry instanceof JsonObject user)) {
        throw new IllegalArgumentException("auth.users entries must be objects");
      }
      String username = user.getValue("username") instanceof String text ? text.trim() : "";
      if (!username.matches("[A-Za-z0-9_.@-]{1,64}")) {
        throw new IllegalArgumentException("auth: username must be 1-64 of letters, digits, _ . @ -");
      }
      if (!names.add(username)) {
        throw new IllegalArgumentException("auth: user '" + username + "' is listed twice");
      }
      if (!PasswordHashes.isValidHash(user.getValue("password_hash") instanceof String hash ? hash : null)) {
        // Never echo the value: it may be a password pasted by mistake.
        throw new IllegalArgumentException("auth: user '" + username + "' needs a bcrypt password_hash"
            + " ($2b$...; make one with: pulse passwd)");
      }
      String role = user.getValue("role", Roles.OPERATOR) instanceof String text ? text : "";
      if (!Roles.ALL.contains(role)) {
        throw new IllegalArgumentException("auth: role of '" + username + "' must be viewer or operator");
      }
      operator |= role.equals(Roles.OPERATOR);
      normalised.add(new JsonObject().put("username", username).put("password_hash", user.getString("password_hash"))
          .put("role", role));
    }
    if (enabled && !operator) {
      throw new IllegalArgumentException("auth is enabled but no operator has a valid bcrypt password_hash"
          + " (set AUTH_USERNAME and AUTH_PASSWORD_HASH; make a hash with: pulse passwd)");
    }
    return new JsonObject().put("enabled", enabled).put("anonymous_read", anonymousRead).put("users", normalised);
  }

  /** A boolean that may have come from the environment as text. */
  public static boolean bool(JsonObject document, String key, boolean fallback) {
    Object raw = document.getValue(key);
    if (raw == null) {
      return fallback;
    }
    if (raw instanceof Boolean value) {
      return value;
    }
    return switch (raw.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false, got '" + raw + "'");
    };
  }

  private static JsonObject schedule(JsonObject document) {
    JsonObject normalised = new JsonObject();
    for (String source : document.fieldNames()) {
      Ids.requireSourceId(source);
      normalised.put(source, PulseSettings.intIn(document, source, 0, MIN_INTERVAL, MAX_INTERVAL));
    }
    return normalised;
  }
}

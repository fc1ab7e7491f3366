package io.sensepulse.common;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a node's configuration through vertx-config: built-in defaults, then the JSON file
 * ({@code conf/pulse.json} or {@code --conf}), then the environment. {@code PULSE_FOO_BAR} sets key
 * {@code foo_bar}; {@code SCHEDULE_<SOURCE>} sets the seed of {@code config:schedule}.
 */
public final class PulseConfig {
  private PulseConfig() {}

  public static final String ENV_PREFIX = "PULSE_";
  public static final String SCHEDULE_ENV_PREFIX = "SCHEDULE_";
  /** The original Sense Pulse's sign-in variables, seeded into {@code config:auth}. */
  public static final String AUTH_ENABLED = "AUTH_ENABLED";
  public static final String AUTH_USERNAME = "AUTH_USERNAME";
  public static final String AUTH_PASSWORD_HASH = "AUTH_PASSWORD_HASH";
  public static final String AUTH_VIEWER_USERNAME = "AUTH_VIEWER_USERNAME";
  public static final String AUTH_VIEWER_PASSWORD_HASH = "AUTH_VIEWER_PASSWORD_HASH";
  public static final String AUTH_ANONYMOUS_READ = "AUTH_ANONYMOUS_READ";
  /**
   * The original Sense Pulse's source variables: environment name to {section, field} of the
   * seed of {@code config:{section}}. Validators accept their text values.
   */
  /** Refresh intervals (s) of sources that run once they are configured. */
  static final Map<String, Integer> DEFAULT_INTERVALS = Map.of("pihole", 30, "tailscale", 30, "aranet4", 60, "weather", 300);

  static final Map<String, List<String>> SECTION_VARIABLES = Map.ofEntries(
      Map.entry("PIHOLE_HOST", List.of("pihole", "host")),
      Map.entry("PIHOLE_PASSWORD", List.of("pihole", "password")),
      Map.entry("PIHOLE_API_TOKEN", List.of("pihole", "api_token")),
      Map.entry("TAILSCALE_SOCKET", List.of("tailscale", "socket")),
      Map.entry("WEATHER_LOCATION", List.of("weather", "location")),
      Map.entry("ARANET4_SENSORS", List.of("aranet4", "sensors")),
      Map.entry("ARANET4_TIMEOUT", List.of("aranet4", "timeout")),
      Map.entry("CAMERA_CONFIG", List.of("camera", "cameras")),
      Map.entry("DISPLAY_ROTATION", List.of("sense_hat", "display_rotation")),
      Map.entry("SCROLL_SPEED", List.of("sense_hat", "scroll_speed")),
      Map.entry("ICON_DURATION", List.of("sense_hat", "icon_duration")),
      Map.entry("SLEEP_START", List.of("sense_hat", "sleep_start")),
      Map.entry("SLEEP_END", List.of("sense_hat", "sleep_end")),
      Map.entry("DISABLE_PI_LEDS", List.of("sense_hat", "disable_pi_leds")));

  public static Future<JsonObject> load(Vertx vertx, String confFile, JsonObject overrides) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(-1)
        .addStore(new ConfigStoreOptions().setType("json").setConfig(defaults()))
        .addStore(new ConfigStoreOptions()
            .setType("file")
            .setFormat("json")
            .setOptional(true)
            .setConfig(new JsonObject().put("path", confFile)))
        .addStore(new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("raw-data", true)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .map(merged -> fromEnvironmentNames(merged).mergeIn(overrides, true))
        .eventually(() -> {
          retriever.close();
          return Future.succeededFuture();
        });
  }

  /** Seeds for config:* documents; everything else has its default in {@link PulseSettings}. */
  static JsonObject defaults() {
    return new JsonObject().put(PulseSettings.SECTIONS, new JsonObject()
        .put(ConfigSections.SCHEDULE, new JsonObject().put("system", 30)));
  }

  /** Folds environment variable names into config keys and drops the rest of the environment. */
  static JsonObject fromEnvironmentNames(JsonObject merged) {
    JsonObject result = new JsonObject();
    JsonObject fromEnvironment = new JsonObject();
    JsonObject scheduleFromEnvironment = new JsonObject();
    for (Map.Entry<String, Object> entry : merged) {
      String key = entry.getKey();
      if (key.startsWith(ENV_PREFIX) && key.length() > ENV_PREFIX.length()) {
        fromEnvironment.put(key.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT), entry.getValue());
      } else if (key.startsWith(SCHEDULE_ENV_PREFIX) && key.length() > SCHEDULE_ENV_PREFIX.length()) {
        scheduleFromEnvironment.put(key.substring(SCHEDULE_ENV_PREFIX.length()).toLowerCase(Locale.ROOT), entry.getValue());
      } else if (!isEnvironmentName(key)) {
        result.put(key, entry.getValue());
      }
    }
    result.mergeIn(fromEnvironment, true);
    SECTION_VARIABLES.forEach((variable, target) -> {
      if (merged.getValue(variable) != null) {
        String section = target.get(0);
        result.mergeIn(new JsonObject().put(PulseSettings.SECTIONS, new JsonObject()
            .put(section, new JsonObject().put(target.get(1), merged.getValue(variable)))), true);
        // A source set up in the environment is scheduled at its default interval unless told otherwise.
        JsonObject schedule = result.getJsonObject(PulseSettings.SECTIONS).getJsonObject(ConfigSections.SCHEDULE, new JsonObject());
        if (!schedule.containsKey(section) && DEFAULT_INTERVALS.containsKey(section)) {
          result.getJsonObject(PulseSettings.SECTIONS).put(ConfigSections.SCHEDULE, schedule.put(section, DEFAULT_INTERVALS.get(section)));
        }
      }
    });
    JsonObject auth = authFromEnvironment(merged);
    if (!auth.isEmpty()) {
      result.mergeIn(new JsonObject().put(PulseSettings.SECTIONS, new JsonObject().put(ConfigSections.AUTH, auth)), true);
    }
    if (!scheduleFromEnvironment.isEmpty()) {
      result.mergeIn(new JsonObject().put(PulseSettings.SECTIONS,
          new JsonObject().put(ConfigSections.SCHEDULE, scheduleFromEnvironment)), true);
    }
    return result;
  }

  /** AUTH_* into the {@code auth} section's shape; validation happens where it is seeded and read. */
  private static JsonObject authFromEnvironment(JsonObject environment) {
    JsonObject auth = new JsonObject();
    if (environment.containsKey(AUTH_ENABLED)) {
      auth.put("enabled", environment.getValue(AUTH_ENABLED));
    }
    if (environment.containsKey(AUTH_ANONYMOUS_READ)) {
      auth.put("anonymous_read", environment.getValue(AUTH_ANONYMOUS_READ));
    }
    io.vertx.core.json.JsonArray users = new io.vertx.core.json.JsonArray();
    if (environment.containsKey(AUTH_USERNAME) || environment.containsKey(AUTH_PASSWORD_HASH)) {
      users.add(new JsonObject().put("username", environment.getValue(AUTH_USERNAME, "admin"))
          .put("password_hash", environment.getValue(AUTH_PASSWORD_HASH)).put("role", "operator"));
    }
    if (environment.containsKey(AUTH_VIEWER_USERNAME)) {
      users.add(new JsonObject().put("username", environment.getValue(AUTH_VIEWER_USERNAME))
          .put("password_hash", environment.getValue(AUTH_VIEWER_PASSWORD_HASH)).put("role", "viewer"));
    }
    if (!users.isEmpty()) {
      auth.put("users", users);
    }
    return auth;
  }

  private static boolean isEnvironmentName(String key) {
    return key.equals(key.toUpperCase(Locale.ROOT)) && !key.equals(key.toLowerCase(Locale.ROOT));
  }
}

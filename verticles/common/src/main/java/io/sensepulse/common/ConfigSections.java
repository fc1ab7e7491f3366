package io.sensepulse.common;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code config:{section}} documents users may read and change, each with the validator that a
 * write must pass. A validator returns the normalised document or throws
 * {@link IllegalArgumentException} with a message fit for the user.
 */
public final class ConfigSections {
  private ConfigSections() {}

  public static final String SCHEDULE = "schedule";

  /** Refresh intervals in seconds, keyed by source id. */
  public static final int MIN_INTERVAL = 1;
  public static final int MAX_INTERVAL = 86_400;

  private static final Map<String, UnaryOperator<JsonObject>> VALIDATORS = Map.of(SCHEDULE, ConfigSections::schedule);

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

  private static JsonObject schedule(JsonObject document) {
    JsonObject normalised = new JsonObject();
    for (String source : document.fieldNames()) {
      Ids.requireSourceId(source);
      normalised.put(source, PulseSettings.intIn(document, source, 0, MIN_INTERVAL, MAX_INTERVAL));
    }
    return normalised;
  }
}

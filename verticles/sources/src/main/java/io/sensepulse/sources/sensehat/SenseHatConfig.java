package io.sensepulse.sources.sensehat;

import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The {@code sense_hat} config section, the original service's variables in lower case:
 * {@code {"display_rotation": 0, "scroll_speed": 0.1, "icon_duration": 1.5, "sleep_start": 23,
 * "sleep_end": 7, "poll_interval": 60, "disable_pi_leds": false}}.
 *
 * @param rotation DISPLAY_ROTATION, degrees clockwise: 0, 90, 180 or 270
 * @param scrollSeconds SCROLL_SPEED, seconds per one-column scroll step
 * @param iconSeconds ICON_DURATION, seconds each page's icon shows before its text
 * @param pollSeconds how often the sensors are read
 * @param disablePiLeds DISABLE_PI_LEDS: the Pi's own LEDs go dark with the matrix in the sleep window
 */
public record SenseHatConfig(
    int rotation, double scrollSeconds, double iconSeconds, SleepWindow sleep, int pollSeconds, boolean disablePiLeds) {
  public static final String SECTION = "sense_hat";
  private static final Set<String> FIELDS =
      Set.of("display_rotation", "scroll_speed", "icon_duration", "sleep_start", "sleep_end", "poll_interval", "disable_pi_leds");

  /** Reads and checks a section; throws IllegalArgumentException with a message fit for the user. */
  public static SenseHatConfig from(JsonObject section) {
    for (String field : section.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(SECTION + ": unknown field '" + field + "'; known: " + FIELDS);
      }
    }
    int rotation = PulseSettings.intIn(section, "display_rotation", 0, 0, 270);
    if (rotation % 90 != 0) {
      throw new IllegalArgumentException(SECTION + ".display_rotation must be 0, 90, 180 or 270, got " + rotation);
    }
    // Below 20 ms a step is faster than the eye and than the framebuffer writes are worth.
    double scroll = seconds(section, "scroll_speed", 0.1, 0.02, 1.0);
    double icon = seconds(section, "icon_duration", 1.5, 0.0, 60.0);
    SleepWindow sleep = new SleepWindow(
        PulseSettings.intIn(section, "sleep_start", 23, 0, 23), PulseSettings.intIn(section, "sleep_end", 7, 0, 23));
    boolean disablePiLeds;
    try {
      disablePiLeds = ConfigSections.bool(section, "disable_pi_leds", false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(SECTION + "." + e.getMessage());
    }
    return new SenseHatConfig(
        rotation, scroll, icon, sleep, PulseSettings.intIn(section, "poll_interval", 60, 1, 3600), disablePiLeds);
  }

  /** How many scroll ticks the icon stays: at least one, so every page shows its icon. */
  int iconTicks() {
    return Math.max(1, (int) Math.round(iconSeconds / scrollSeconds));
  }

  long scrollMillis() {
    return Math.round(scrollSeconds * 1000);
  }

  private static double seconds(JsonObject section, String key, double fallback, double min, double max) {
    Object value = section.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String text) {
      // From the environment (SCROLL_SPEED=0.08) values arrive as text.
      try {
        value = Double.parseDouble(text.trim());
      } catch (NumberFormatException notANumber) {
        throw new IllegalArgumentException(SECTION + "." + key + " must be seconds, got '" + text + "'");
      }
    }
    if (!(value instanceof Number number) || number.doubleValue() < min || number.doubleValue() > max
        || Double.isNaN(number.doubleValue())) {
      throw new IllegalArgumentException(SECTION + "." + key + " must be seconds between " + min + " and " + max + ", got " + value);
    }
    return number.doubleValue();
  }
}

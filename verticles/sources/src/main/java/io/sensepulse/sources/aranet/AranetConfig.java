package io.sensepulse.sources.aranet;

import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code aranet4} config section: {@code {"sensors": [{"label": "office", "mac": "AA:BB:CC:DD:EE:FF"}],
 * "timeout": 10, "bus_address": null}}. {@code sensors} may also be the text of the original
 * {@code ARANET4_SENSORS} variable (that same list as JSON); {@code mac_address} is read as {@code mac}.
 *
 * @param timeoutSeconds how long a scan listens (ARANET4_TIMEOUT)
 * @param busAddress the D-Bus address of BlueZ; null for the system bus
 */
public record AranetConfig(List<Sensor> sensors, int timeoutSeconds, String busAddress) {
  public static final String SECTION = "aranet4";
  public static final int DEFAULT_TIMEOUT = 10;
  public static final int MAX_TIMEOUT = 120;

  public record Sensor(String label, String mac) {}

  public AranetConfig {
    sensors = List.copyOf(sensors);
  }

  /** Reads and checks a section; throws IllegalArgumentException with a message fit for the user. */
  public static AranetConfig from(JsonObject section) {
    for (String field : section.fieldNames()) {
      if (!Set.of("sensors", "timeout", "bus_address").contains(field)) {
        throw new IllegalArgumentException("aranet4: unknown field '" + field + "'; known: sensors, timeout, bus_address");
      }
    }
    int timeout = PulseSettings.intIn(section, "timeout", DEFAULT_TIMEOUT, 1, MAX_TIMEOUT);
    Object bus = section.getValue("bus_address");
    if (bus != null && !(bus instanceof String text && text.startsWith("unix:"))) {
      throw new IllegalArgumentException("aranet4.bus_address must be a D-Bus unix: address or null, got '" + bus + "'");
    }
    return new AranetConfig(sensors(section.getValue("sensors")), timeout, (String) bus);
  }

  /** The validator for ConfigSections: the normalised document. */
  public static JsonObject validate(JsonObject section) {
    return from(section).toJson();
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    sensors.forEach(sensor -> list.add(new JsonObject().put("label", sensor.label()).put("mac", sensor.mac())));
    return new JsonObject().put("sensors", list).put("timeout", timeoutSeconds).put("bus_address", busAddress);
  }

  private static List<Sensor> sensors(Object raw) {
    JsonArray list;
    if (raw == null) {
      list = new JsonArray();
    } else if (raw instanceof JsonArray array) {
      list = array;
    } else if (raw instanceof String text) {
      try {
        list = text.isBlank() ? new JsonArray() : new JsonArray(text);
      } catch (DecodeException e) {
        throw new IllegalArgumentException("aranet4.sensors (ARANET4_SENSORS) must be a JSON list such as"
            + " [{\"label\":\"office\",\"mac\":\"AA:BB:CC:DD:EE:FF\"}]");
      }
    } else {
      throw new IllegalArgumentException("aranet4.sensors must be a list of {label, mac}");
    }
    List<Sensor> sensors = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    Set<String> macs = new HashSet<>();
    for (Object entry : list) {
      if (!(entry instanceof JsonObject sensor)) {
        throw new IllegalArgumentException("aranet4.sensors entries must be objects {label, mac}");
      }
      String label = sensor.getValue("label") instanceof String text ? text.strip().toLowerCase(Locale.ROOT) : "";
      if (!label.matches("[a-z0-9_-]{1,32}")) {
        throw new IllegalArgumentException("aranet4: sensor label must be 1-32 of a-z, 0-9, _ and -, got '"
            + sensor.getValue("label") + "'");
      }
      Object rawMac = sensor.getValue("mac", sensor.getValue("mac_address"));
      String mac = rawMac instanceof String text ? text.strip().toUpperCase(Locale.ROOT).replace('-', ':') : "";
      if (!mac.matches("([0-9A-F]{2}:){5}[0-9A-F]{2}")) {
        throw new IllegalArgumentException("aranet4: sensor '" + label + "' needs a Bluetooth address like"
            + " AA:BB:CC:DD:EE:FF, got '" + rawMac + "'");
      }
      if (!labels.add(label)) {
        throw new IllegalArgumentException("aranet4: sensor label '" + label + "' is listed twice");
      }
      if (!macs.add(mac)) {
        throw new IllegalArgumentException("aranet4: sensor address " + mac + " is listed twice");
      }
      sensors.add(new Sensor(label, mac));
    }
    return sensors;
  }
}

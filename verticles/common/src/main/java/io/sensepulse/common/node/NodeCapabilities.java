package io.sensepulse.common.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What hardware a node has, announced by its agent so the orchestrator can run a source on the
 * node that has what it needs. The launcher detects them once at start-up, before Vert.x runs;
 * a node's config may add more ({@code capabilities: ["ble"]}), for hardware it cannot see.
 */
public final class NodeCapabilities {
  private NodeCapabilities() {}

  /** The config key (and announcement field): a list of capability names. */
  public static final String CONFIG_KEY = "capabilities";
  /** A Bluetooth adapter the kernel registered (Aranet4 sensors are read over BLE). */
  public static final String BLE = "ble";
  /** The Sense HAT's framebuffer is present. */
  public static final String SENSE_HAT = "sense_hat";

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,40}");

  /** {@code /sys/class/bluetooth/hci*}, under a configurable sysfs root. Blocking. */
  public static boolean hasBluetoothAdapter(Path sysRoot) {
    Path adapters = sysRoot.resolve("class/bluetooth");
    if (!Files.isDirectory(adapters)) {
      return false;
    }
    try (DirectoryStream<Path> hci = Files.newDirectoryStream(adapters, "hci*")) {
      return hci.iterator().hasNext();
    } catch (IOException unreadable) {
      return false;
    }
  }

  /**
   * The configured extra capabilities: a list, or comma-separated text as {@code PULSE_CAPABILITIES}
   * gives it. Throws IllegalArgumentException naming a bad entry.
   */
  public static Set<String> configured(JsonObject config) {
    Object value = config.getValue(CONFIG_KEY);
    Set<String> names = new TreeSet<>();
    if (value == null) {
      return names;
    }
    if (value instanceof String text) {
      value = new JsonArray(java.util.Arrays.stream(text.split(",")).map(String::trim).filter(name -> !name.isEmpty())
          .toList());
    }
    if (!(value instanceof JsonArray list)) {
      throw new IllegalArgumentException("'" + CONFIG_KEY + "' must be a list of names such as [\"ble\"]");
    }
    for (Object entry : list) {
      if (!(entry instanceof String name) || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + CONFIG_KEY + "' entries are 1-40 of a-z 0-9 _; got " + entry);
      }
      names.add(name);
    }
    return names;
  }

  /** The capabilities in a node announcement. */
  public static Set<String> of(JsonObject announcement) {
    Set<String> names = new TreeSet<>();
    if (announcement.getValue(CONFIG_KEY) instanceof JsonArray list) {
      list.forEach(entry -> {
        if (entry instanceof String name) {
          names.add(name);
        }
      });
    }
    return names;
  }
}

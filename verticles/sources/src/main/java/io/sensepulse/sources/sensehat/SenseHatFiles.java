package io.sensepulse.sources.sensehat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocking sysfs reads and device discovery for the Sense HAT, under configurable /sys and /dev
 * roots so tests can use fake trees. Call only from a worker thread.
 */
public class SenseHatFiles {
  static final String IIO_DEVICES = "bus/iio/devices";
  static final String GRAPHICS = "class/graphics";
  static final String INPUT = "class/input";
  static final String THERMAL_ZONE_TEMP = "class/thermal/thermal_zone0/temp";
  static final String FRAMEBUFFER_NAME = "RPi-Sense FB";
  static final String JOYSTICK_NAME = "Raspberry Pi Sense HAT Joystick";

  private final Path sysRoot;
  private final Path devRoot;

  SenseHatFiles(Path sysRoot, Path devRoot) {
    this.sysRoot = sysRoot;
    this.devRoot = devRoot;
  }

  /** The attribute files of every IIO device, keyed by its name; only the channels' raw, offset and scale files. */
  Map<String, Map<String, String>> iioDevices() throws IOException {
    Map<String, Map<String, String>> devices = new HashMap<>();
    for (Path device : list(sysRoot.resolve(IIO_DEVICES), "iio:device*")) {
      Optional<String> name = name(device.resolve("name"));
      if (name.isEmpty()) {
        continue;
      }
      Map<String, String> attributes = new HashMap<>();
      for (Path file : list(device, "in_*_{raw,offset,scale}")) {
        attributes.put(file.getFileName().toString(), read(file));
      }
      devices.put(name.get(), attributes);
    }
    return devices;
  }

  /** thermal_zone0/temp, millidegrees Celsius, or empty when the machine has no such zone. */
  Optional<String> cpuTemperature() throws IOException {
    try {
      return Optional.of(read(sysRoot.resolve(THERMAL_ZONE_TEMP)));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  /** Whether this machine has a Sense HAT: the node that has one runs the Sense HAT source. */
  public static boolean present(Path sysRoot) {
    try {
      return new SenseHatFiles(sysRoot, Path.of("/dev")).framebuffer().isPresent();
    } catch (IOException unreadable) {
      return false;
    }
  }

  /** /dev/fbN of the framebuffer the rpisense-fb driver registered. */
  Optional<Path> framebuffer() throws IOException {
    for (Path fb : list(sysRoot.resolve(GRAPHICS), "fb*")) {
      if (name(fb.resolve("name")).filter(FRAMEBUFFER_NAME::equals).isPresent()) {
        return Optional.of(devRoot.resolve(fb.getFileName().toString()));
      }
    }
    return Optional.empty();
  }

  /** /dev/input/eventN of the joystick the rpisense-js driver registered. */
  Optional<Path> joystick() throws IOException {
    for (Path event : list(sysRoot.resolve(INPUT), "event*")) {
      if (name(event.resolve("device/name")).filter(JOYSTICK_NAME::equals).isPresent()) {
        return Optional.of(devRoot.resolve("input").resolve(event.getFileName().toString()));
      }
    }
    return Optional.empty();
  }

  /** Sorted so that discovery is stable when two devices share a name. */
  private static List<Path> list(Path dir, String glob) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
      stream.forEach(entries::add);
    }
    entries.sort(null);
    return entries;
  }

  private static Optional<String> name(Path file) throws IOException {
    try {
      return Optional.of(read(file).trim());
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  /** sysfs text is ASCII; Latin-1 maps any byte, so a stray byte cannot fail the decode. */
  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }
}

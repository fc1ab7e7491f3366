package io.sensepulse.sources.sensehat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Raspberry Pi's own LEDs (activity and power) under {@code {sys_root}/class/leds}, switched off
 * for the night (DISABLE_PI_LEDS) and restored afterwards. Blocking: call from a worker thread. Never
 * throws: a missing or unwritable file becomes a warning, since dark board LEDs are a nicety.
 */
final class BoardLeds {
  static final String LEDS = "class/leds";
  /** Current kernels name them ACT and PWR; older ones (Pi OS before 2023) led0 and led1. */
  static final List<String> NAMES = List.of("ACT", "PWR", "led0", "led1");
  static final String NO_TRIGGER = "none";

  /** One LED as it was before it was switched off. */
  record Saved(String name, String trigger, String brightness) {}

  /** The LEDs switched off (to restore later) and what went wrong on the way. */
  record Outcome(List<Saved> saved, List<String> warnings) {}

  private final Path leds;

  BoardLeds(Path sysRoot) {
    this.leds = sysRoot.resolve(LEDS);
  }

  /** Remembers each LED's trigger and brightness, then writes {@code none} and {@code 0}. */
  Outcome switchOff() {
    List<Saved> saved = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String name : NAMES) {
      Path led = leds.resolve(name);
      if (!Files.isDirectory(led)) {
        continue;
      }
      Saved before;
      try {
        before = new Saved(name, selectedTrigger(read(led.resolve("trigger"))), read(led.resolve("brightness")).trim());
      } catch (IOException | IllegalArgumentException e) {
        warnings.add(name + ": cannot read its state (" + e + ")");
        continue;
      }
      // Remembered before writing: a half-done switch-off still needs undoing.
      saved.add(before);
      try {
        write(led.resolve("trigger"), NO_TRIGGER);
        write(led.resolve("brightness"), "0");
      } catch (IOException e) {
        warnings.add(name + ": cannot switch it off (" + e + ")");
      }
    }
    if (saved.isEmpty() && warnings.isEmpty()) {
      warnings.add("no Raspberry Pi LEDs (" + String.join(", ", NAMES) + ") under " + leds);
    }
    return new Outcome(List.copyOf(saved), List.copyOf(warnings));
  }

  /**
   * Puts each LED back as it was. The trigger drives the brightness (writing a brightness would
   * even detach it), so the brightness is written back only for an LED that had no trigger.
   */
  List<String> restore(List<Saved> saved) {
    List<String> warnings = new ArrayList<>();
    for (Saved led : saved) {
      Path dir = leds.resolve(led.name());
      try {
        write(dir.resolve("trigger"), led.trigger());
        if (NO_TRIGGER.equals(led.trigger())) {
          write(dir.resolve("brightness"), led.brightness());
        }
      } catch (IOException e) {
        warnings.add(led.name() + ": cannot restore it (" + e + ")");
      }
    }
    return List.copyOf(warnings);
  }

  /** The kernel lists every trigger and brackets the selected one: {@code none [mmc0] timer} is mmc0. */
  static String selectedTrigger(String triggerFile) {
    int open = triggerFile.indexOf('[');
    int close = triggerFile.indexOf(']', open + 1);
    if (open < 0 || close < 0 || close == open + 1) {
      throw new IllegalArgumentException("no [selected] trigger in '" + triggerFile.trim() + "'");
    }
    return triggerFile.substring(open + 1, close);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }

  /** No CREATE: a sysfs attribute exists or the LED lacks it, and a fake tree must not grow one. */
  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.ISO_8859_1, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
  }
}

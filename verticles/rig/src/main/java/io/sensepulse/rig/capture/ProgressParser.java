package io.sensepulse.rig.capture;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows ffmpeg's stderr when it runs with {@code -progress pipe:2 -nostats}: blocks of
 * {@code key=value} lines, each closed by {@code progress=continue|end}, between which ffmpeg's
 * own log lines (errors, warnings) may appear. Fed one line at a time; not thread safe.
 */
public final class ProgressParser {
  private final Consumer<Progress> progress;
  private final Consumer<String> logLine;
  private final Map<String, String> block = new HashMap<>();

  /**
   * @param progress receives each complete block
   * @param logLine receives every line that is not part of a block (ffmpeg's messages)
   */
  public ProgressParser(Consumer<Progress> progress, Consumer<String> logLine) {
    this.progress = progress;
    this.logLine = logLine;
  }

  public void line(String raw) {
    String line = raw.strip();
    if (line.isEmpty()) {
      return;
    }
    int equals = line.indexOf('=');
    String key = equals > 0 ? line.substring(0, equals) : "";
    if (!key.matches("[a-z0-9_]+")) {
      logLine.accept(line);
      return;
    }
    String value = line.substring(equals + 1).strip();
    if (key.equals("progress")) {
      progress.accept(new Progress(
          longOf("frame"), doubleOf("fps", 0), longOf("drop_frames"), longOf("dup_frames"),
          bitrateKbps(block.get("bitrate")), longOf("out_time_us"), speed(block.get("speed")), value.equals("end")));
      block.clear();
    } else {
      block.put(key, value);
    }
  }

  private long longOf(String key) {
    try {
      return Long.parseLong(block.getOrDefault(key, "0"));
    } catch (NumberFormatException e) {
      // "N/A" before the first packet
      return 0;
    }
  }

  private double doubleOf(String key, double fallback) {
    try {
      return Double.parseDouble(block.getOrDefault(key, ""));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** {@code "  43.3kbits/s"} or {@code "N/A"}. */
  static double bitrateKbps(String value) {
    if (value == null || !value.endsWith("kbits/s")) {
      return -1;
    }
    try {
      return Double.parseDouble(value.substring(0, value.length() - "kbits/s".length()).strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code "1.03x"}, {@code "   0x"} or {@code "N/A"}. */
  static double speed(String value) {
    if (value == null || !value.endsWith("x")) {
      return -1;
    }
    try {
      return Double.parseDouble(value.substring(0, value.length() - 1).strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

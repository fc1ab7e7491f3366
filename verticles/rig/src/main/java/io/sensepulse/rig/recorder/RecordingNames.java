package io.sensepulse.rig.recorder;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * File names of a recording, all under {@code <data_dir>/recordings}:
 * segments {@code {SESSION}_{CAM}_{YYYYMMDD}_{HHMMSS}_{NNN}.mp4}, where the time (UTC, this node's
 * clock) is the first segment's start and NNN the segment index from 000; the manifest
 * {@code {SESSION}_{CAM}.json}; Lock View snapshots {@code {SESSION}_{CAM}_lockview_{HHMMSS}.jpg}.
 */
public final class RecordingNames {
  private RecordingNames() {}

  /** Part of every file name: never a leading '-' (read as an option by shell tools) or '_'. */
  private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
  /** What the node API serves from the recordings folder: no separators, no "..". */
  private static final Pattern SERVABLE = Pattern.compile("[A-Za-z0-9_.-]{1,200}\\.(mp4|json|jpg)");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  public static String requireSession(Object session) {
    if (!(session instanceof String text) || !SESSION.matcher(text).matches()) {
      throw new IllegalArgumentException("session must be 1-40 of A-Z, a-z, 0-9, _ and -, starting with a letter or digit");
    }
    return text;
  }

  public static boolean isServable(String fileName) {
    return fileName != null && SERVABLE.matcher(fileName).matches() && !fileName.contains("..");
  }

  /** {@code {SESSION}_{CAM}_{YYYYMMDD}_{HHMMSS}}: what every segment's name starts with. */
  public static String segmentBase(String session, String camera, double startLocalMillis) {
    return session + "_" + camera + "_" + STAMP.format(Instant.ofEpochMilli((long) startLocalMillis));
  }

  public static String segment(String base, int index) {
    return base + "_" + String.format(Locale.ROOT, "%03d", index) + ".mp4";
  }

  public static String manifest(String session, String camera) {
    return session + "_" + camera + ".json";
  }

  public static String lockView(String session, String camera, double localMillis) {
    return session + "_" + camera + "_lockview_" + TIME.format(Instant.ofEpochMilli((long) localMillis)) + ".jpg";
  }
}

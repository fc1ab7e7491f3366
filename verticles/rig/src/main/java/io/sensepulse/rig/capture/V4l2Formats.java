package io.sensepulse.rig.capture;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ffmpeg -f v4l2 -list_formats compressed -i /dev/videoN}, which logs one line per
 * format: {@code [video4linux2,v4l2 @ 0x...] Compressed:  h264 :  H.264 : 1920x1080 1280x720}.
 */
public final class V4l2Formats {
  private V4l2Formats() {}

  private static final Pattern COMPRESSED = Pattern.compile("Compressed:\\s*(\\S+)\\s*:");

  /** The compressed formats' ffmpeg names (h264, hevc, mjpeg...). */
  public static Set<String> parse(String output) {
    Set<String> formats = new HashSet<>();
    Matcher matcher = COMPRESSED.matcher(output);
    while (matcher.find()) {
      formats.add(matcher.group(1).toLowerCase(Locale.ROOT));
    }
    return formats;
  }
}

package io.sensepulse.rig.capture;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code ffmpeg -encoders}: a legend, a {@code ------} line, then {@code " V....D libx264   description"}. */
public final class EncoderList {
  private EncoderList() {}

  private static final Pattern ENCODER_LINE = Pattern.compile("^\\s*[VAS][.A-Z]{5}\\s+(\\S+)\\s");

  public static Set<String> parse(String output) {
    Set<String> names = new HashSet<>();
    boolean pastLegend = false;
    for (String line : output.split("\n")) {
      if (line.trim().startsWith("------")) {
        pastLegend = true;
        continue;
      }
      Matcher matcher = ENCODER_LINE.matcher(line + " ");
      if (pastLegend && matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }
}

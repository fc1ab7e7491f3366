package io.sensepulse.rig.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code rpicam-hello --list-cameras}: "Available cameras" then one line per camera,
 * {@code 0 : imx708 [4608x2592 10-bit RGGB] (/base/axi/...)}, or "No cameras available!".
 */
public final class RpicamCameras {
  private RpicamCameras() {}

  private static final Pattern CAMERA_LINE = Pattern.compile("^\\s*(\\d+)\\s*:\\s*(\\S+)");

  /** The sensor names, in index order; empty when there is none. */
  public static List<String> parse(String output) {
    List<String> sensors = new ArrayList<>();
    for (String line : output.split("\n")) {
      Matcher matcher = CAMERA_LINE.matcher(line);
      if (matcher.find()) {
        sensors.add(matcher.group(2));
      }
    }
    return sensors;
  }
}

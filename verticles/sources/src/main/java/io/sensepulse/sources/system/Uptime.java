package io.sensepulse.sources.system;

/** The first field of /proc/uptime: {@code "350735.47 1383437.59"} (the second is idle time summed over CPUs). */
public record Uptime(double seconds) {

  public static Uptime parse(String procUptime) {
    String trimmed = procUptime.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty");
    }
    return new Uptime(Decimals.parse(trimmed.split("\\s+")[0]));
  }
}

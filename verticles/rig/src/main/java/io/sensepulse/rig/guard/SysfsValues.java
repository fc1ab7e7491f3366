package io.sensepulse.rig.guard;

/** The two small files the guard rails read, parsed. */
public final class SysfsValues {
  private SysfsValues() {}

  /** A thermal zone's {@code temp}: millidegrees Celsius, {@code "48312"}. */
  public static double temperatureC(String text) {
    String trimmed = text.trim();
    if (!trimmed.matches("-?[0-9]{1,9}")) {
      throw new IllegalArgumentException("'" + trimmed + "' is not a millidegree value");
    }
    return Long.parseLong(trimmed) / 1000.0;
  }

  /**
   * A battery level: a power_supply {@code capacity} ({@code "87"}) or a UPS HAT's file holding a
   * percentage ({@code "87.5"}, {@code "87 %"}), 0-100.
   */
  public static double batteryPercent(String text) {
    String trimmed = text.trim();
    if (trimmed.endsWith("%")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).trim();
    }
    if (!trimmed.matches("[0-9]{1,3}(\\.[0-9]+)?")) {
      throw new IllegalArgumentException("'" + text.trim() + "' is not a percentage");
    }
    double percent = Double.parseDouble(trimmed);
    if (percent > 100) {
      throw new IllegalArgumentException("'" + text.trim() + "' is above 100 %");
    }
    return percent;
  }
}

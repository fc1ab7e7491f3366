package io.sensepulse.sources.system;

/** A thermal zone's {@code temp} file: millidegrees Celsius, {@code "48312"}, negative below zero. */
public record Temperature(double celsius) {

  public static Temperature parse(String thermalZoneTemp) {
    String trimmed = thermalZoneTemp.trim();
    if (!trimmed.matches("-?[0-9]{1,9}")) {
      throw new IllegalArgumentException("'" + trimmed + "' is not a millidegree value");
    }
    return new Temperature(Long.parseLong(trimmed) / 1000.0);
  }
}

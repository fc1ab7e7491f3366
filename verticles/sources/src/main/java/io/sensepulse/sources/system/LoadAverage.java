package io.sensepulse.sources.system;

/** The first three fields of /proc/loadavg: {@code "0.52 0.58 0.59 1/389 12345"}. */
public record LoadAverage(double oneMinute, double fiveMinutes, double fifteenMinutes) {

  public static LoadAverage parse(String procLoadavg) {
    String[] fields = procLoadavg.trim().split("\\s+");
    if (fields.length < 3) {
      throw new IllegalArgumentException("expected three load averages, got '" + procLoadavg.trim() + "'");
    }
    return new LoadAverage(Decimals.parse(fields[0]), Decimals.parse(fields[1]), Decimals.parse(fields[2]));
  }
}

package io.sensepulse.rig.sync;

/**
 * One line of {@code chronyc -c tracking} (chrony 4.x), the fields in chronyc's order. Times are in
 * seconds as chronyc prints them. No Vert.x here: parsed and tested on text alone.
 *
 * @param systemTimeSeconds chrony's current correction: positive when the system clock is slow of
 *     NTP time (chronyc's text mode prints "seconds slow"), negative when fast
 */
public record ChronyTracking(
    String referenceId,
    String referenceName,
    int stratum,
    double referenceTime,
    double systemTimeSeconds,
    double lastOffsetSeconds,
    double rmsOffsetSeconds,
    double frequencyPpm,
    double residualFrequencyPpm,
    double skewPpm,
    double rootDelaySeconds,
    double rootDispersionSeconds,
    double updateIntervalSeconds,
    String leapStatus) {

  public static final String NOT_SYNCHRONISED = "Not synchronised";
  private static final int FIELDS = 14;

  /**
   * Parses the first non-empty line. IllegalArgumentException names what is wrong (chronyc's own
   * error messages, such as "506 Cannot talk to daemon", land here too).
   */
  public static ChronyTracking parse(String output) {
    String line = output == null ? "" : output.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline).strip();
    }
    if (line.isEmpty()) {
      throw new IllegalArgumentException("chronyc printed nothing");
    }
    String[] fields = line.split(",", -1);
    if (fields.length != FIELDS) {
      throw new IllegalArgumentException("expected " + FIELDS + " comma-separated fields from chronyc -c tracking, got "
          + fields.length + ": '" + abbreviate(line) + "'");
    }
    return new ChronyTracking(
        fields[0],
        fields[1],
        (int) number(fields, 2, "stratum"),
        number(fields, 3, "ref time"),
        number(fields, 4, "system time"),
        number(fields, 5, "last offset"),
        number(fields, 6, "RMS offset"),
        number(fields, 7, "frequency"),
        number(fields, 8, "residual frequency"),
        number(fields, 9, "skew"),
        number(fields, 10, "root delay"),
        number(fields, 11, "root dispersion"),
        number(fields, 12, "update interval"),
        fields[13]);
  }

  /** chrony follows a reference: not the "Not synchronised" leap status, a reference id, a stratum. */
  public boolean synchronised() {
    return !NOT_SYNCHRONISED.equalsIgnoreCase(leapStatus) && stratum > 0 && !referenceId.matches("0+");
  }

  /** This clock minus the reference's, in ms: the opposite sign of chrony's correction. */
  public double offsetMillis() {
    return -systemTimeSeconds * 1000.0;
  }

  /** How far the offset may be off, in ms: the RMS of recent offsets plus the root dispersion. */
  public double confidenceMillis() {
    return (Math.abs(rmsOffsetSeconds) + Math.abs(rootDispersionSeconds)) * 1000.0;
  }

  private static double number(String[] fields, int index, String name) {
    String text = fields[index].strip();
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("chronyc -c tracking: " + name + " is not a number: '" + abbreviate(text) + "'");
    }
  }

  private static String abbreviate(String text) {
    String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}

package io.sensepulse.sources.system;

/** MemTotal and MemAvailable from /proc/meminfo, in kB (the kernel's kB are KiB). */
public record MemInfo(long totalKb, long availableKb) {

  public static MemInfo parse(String procMeminfo) {
    long total = -1;
    long available = -1;
    for (String line : procMeminfo.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        total = kilobytes(line);
      } else if (line.startsWith("MemAvailable:")) {
        available = kilobytes(line);
      }
    }
    if (total <= 0) {
      throw new IllegalArgumentException("no positive MemTotal line");
    }
    if (available < 0) {
      throw new IllegalArgumentException("no MemAvailable line");
    }
    return new MemInfo(total, available);
  }

  /** {@code "MemTotal:         918852 kB"} to 918852. */
  private static long kilobytes(String line) {
    String[] fields = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
    if (!fields[0].matches("[0-9]{1,18}") || fields.length != 2 || !"kB".equals(fields[1])) {
      throw new IllegalArgumentException("malformed line '" + line.trim() + "'");
    }
    return Long.parseLong(fields[0]);
  }

  public double usedPercent() {
    return 100.0 * (1.0 - (double) availableKb / totalKb);
  }

  public double availableMb() {
    return availableKb / 1024.0;
  }
}

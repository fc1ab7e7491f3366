package io.sensepulse.sources.system;

import java.util.OptionalDouble;

/**
 * The aggregate {@code cpu} line of /proc/stat reduced to what CPU % needs: cumulative idle and
 * total ticks (USER_HZ) since boot.
 *
 * @param idle idle + iowait: time waiting on I/O is time the CPU could have run something else
 * @param total user + nice + system + idle + iowait + irq + softirq + steal
 */
public record CpuTimes(long idle, long total) {
  /** user nice system idle are in every kernel; iowait, irq, softirq and steal came later. */
  private static final int MIN_COLUMNS = 4;
  /** guest and guest_nice (columns 9 and 10) are already counted in user and nice. */
  private static final int SUMMED_COLUMNS = 8;
  private static final int IDLE = 3;
  private static final int IOWAIT = 4;

  /** Parses the whole text of /proc/stat; only the aggregate {@code cpu } line is used. */
  public static CpuTimes parse(String procStat) {
    for (String line : procStat.split("\n")) {
      if (line.startsWith("cpu ")) {
        return parseCpuLine(line);
      }
    }
    throw new IllegalArgumentException("no aggregate 'cpu' line");
  }

  private static CpuTimes parseCpuLine(String line) {
    String[] fields = line.trim().split("\\s+");
    int columns = Math.min(fields.length - 1, SUMMED_COLUMNS);
    if (columns < MIN_COLUMNS) {
      throw new IllegalArgumentException("'cpu' line has " + (fields.length - 1) + " columns, expected at least " + MIN_COLUMNS);
    }
    long idle = 0;
    long total = 0;
    for (int column = 0; column < columns; column++) {
      long ticks = ticks(fields[column + 1]);
      total += ticks;
      if (column == IDLE || column == IOWAIT) {
        idle += ticks;
      }
    }
    return new CpuTimes(idle, total);
  }

  private static long ticks(String field) {
    if (!field.matches("[0-9]{1,18}")) {
      throw new IllegalArgumentException("'cpu' line: '" + field + "' is not a tick count");
    }
    return Long.parseLong(field);
  }

  /**
   * Percentage of the time between {@code earlier} and this snapshot the CPUs were busy, or empty
   * when no time passed or the counters went backwards (not two snapshots of one boot, in order).
   */
  public OptionalDouble busyPercentSince(CpuTimes earlier) {
    long totalDelta = total - earlier.total;
    if (totalDelta <= 0) {
      return OptionalDouble.empty();
    }
    double busy = 100.0 * (1.0 - (double) (idle - earlier.idle) / totalDelta);
    // iowait may decrease between reads (documented in proc(5)), which can push the ratio past a bound.
    return OptionalDouble.of(Math.max(0.0, Math.min(100.0, busy)));
  }
}

package io.sensepulse.sources.system;

/**
 * A filesystem's space in bytes, as statvfs reports it.
 *
 * @param freeBytes free blocks, including those reserved for root
 * @param availableBytes what an unprivileged process can still write
 */
public record DiskUsage(long totalBytes, long freeBytes, long availableBytes) {
  private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

  /** Used share of the space a user can have, as df's Use% computes it: used / (used + available). */
  public double usedPercent() {
    long used = totalBytes - freeBytes;
    return 100.0 * used / (used + availableBytes);
  }

  /** Available space in GiB, the unit df -h prints as G. */
  public double availableGb() {
    return availableBytes / BYTES_PER_GB;
  }
}

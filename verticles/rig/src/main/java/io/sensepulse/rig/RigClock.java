package io.sensepulse.rig;

import java.time.Clock;
import java.time.Instant;

/**
 * This node's wall clock in epoch milliseconds with microsecond resolution. Tests and benchmarks
 * shift it by {@code clock_skew_ms} to play a node whose clock is wrong; everything in the rig
 * (the sync measurement, start instants, first-frame times) reads time through it.
 */
public final class RigClock {
  private final Clock clock;
  private final double skewMillis;

  public RigClock(Clock clock, double skewMillis) {
    this.clock = clock;
    this.skewMillis = skewMillis;
  }

  public static RigClock system(double skewMillis) {
    return new RigClock(Clock.systemUTC(), skewMillis);
  }

  /** Epoch milliseconds on this node's (possibly skewed) clock. */
  public double nowMillis() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1000.0 + now.getNano() / 1_000_000.0 + skewMillis;
  }

  /**
   * Converts an instant on the master's (CAM_C's) clock to this node's clock, given this node's
   * offset: {@code offset = local - master}.
   */
  public static double masterToLocal(double masterMillis, double offsetMillis) {
    return masterMillis + offsetMillis;
  }
}

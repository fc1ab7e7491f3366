package io.sensepulse.rig.sync;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * One NTP-style round trip to the master, in epoch ms: t1 sent and t4 answer received on this
 * node's clock, t2 received and t3 answered on the master's. No Vert.x here.
 */
public record PingSample(double t1, double t2, double t3, double t4) {

  /** The master's clock minus this node's, as NTP defines it: ((t2 - t1) + (t3 - t4)) / 2. */
  public double masterMinusLocalMillis() {
    return ((t2 - t1) + (t3 - t4)) / 2.0;
  }

  /** This node's clock minus the master's: the sign the rig uses everywhere. */
  public double offsetMillis() {
    return -masterMinusLocalMillis();
  }

  /** Time on the wire both ways: (t4 - t1) - (t3 - t2). */
  public double delayMillis() {
    return (t4 - t1) - (t3 - t2);
  }

  /**
   * The true offset lies within delay / 2 of the measured one whatever the split between the
   * two directions, so that is the confidence.
   */
  public double confidenceMillis() {
    return Math.max(0, delayMillis()) / 2.0;
  }

  /** Sanity: timestamps in order on each clock and a non-negative delay. */
  public boolean plausible() {
    return t4 >= t1 && t3 >= t2 && delayMillis() >= 0;
  }

  /**
   * The round trip least disturbed by queueing (lowest delay) among the plausible ones: its offset
   * is the most trustworthy.
   */
  public static Optional<PingSample> best(Collection<PingSample> samples) {
    return samples.stream().filter(PingSample::plausible).min(Comparator.comparingDouble(PingSample::delayMillis));
  }
}

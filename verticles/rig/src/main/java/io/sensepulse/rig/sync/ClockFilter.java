package io.sensepulse.rig.sync;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Optional;

/**
 * NTP's clock filter, simplified: keeps the best round trip of each of the last {@link #ROUNDS}
 * measurement rounds and answers with the one whose error bound is smallest, that is half its
 * delay plus what two free-running clocks may have drifted since it was taken. One round in which
 * every ping queued behind a busy moment (a start, a garbage collection) then cannot move the
 * offset by its delay. No Vert.x here.
 */
public final class ClockFilter {
  static final int ROUNDS = 8;
  /** 50 ppm: two uncorrected crystals, each good to about 25 ppm, drifting apart. */
  static final double DRIFT_MILLIS_PER_SECOND = 0.05;

  private final Deque<PingSample> recent = new ArrayDeque<>();

  /** @param best the round's least delayed plausible sample (see {@link PingSample#best}) */
  public void add(PingSample best) {
    recent.addLast(best);
    if (recent.size() > ROUNDS) {
      recent.removeFirst();
    }
  }

  /** The sample with the tightest bound now, with that bound as its confidence; empty before any round. */
  public Optional<Estimate> estimate(double nowMillis) {
    return recent.stream()
        .map(sample -> new Estimate(sample.offsetMillis(), bound(sample, nowMillis)))
        .min(Comparator.comparingDouble(Estimate::confidenceMillis));
  }

  private static double bound(PingSample sample, double nowMillis) {
    double ageSeconds = Math.max(0, nowMillis - sample.t4()) / 1000.0;
    return sample.confidenceMillis() + ageSeconds * DRIFT_MILLIS_PER_SECOND;
  }

  /** This clock minus the master's, within {@code confidenceMillis} either way. */
  public record Estimate(double offsetMillis, double confidenceMillis) {}
}

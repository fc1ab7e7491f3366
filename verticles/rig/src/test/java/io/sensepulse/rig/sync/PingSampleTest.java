package io.sensepulse.rig.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The NTP four-timestamp arithmetic and the best-of selection, on numbers alone. */
class PingSampleTest {
  /** A node 250 ms ahead of the master, with the given one-way trip times and master processing time. */
  private static PingSample aheadBy250(double at, double there, double processing, double back) {
    double t1 = at;
    double t2 = at + there - 250;
    double t3 = t2 + processing;
    double t4 = t3 + back + 250;
    return new PingSample(t1, t2, t3, t4);
  }

  @Test
  void symmetricTripsGiveTheExactOffsetAndTheDelayWithoutProcessing() {
    PingSample sample = aheadBy250(1_700_000_000_000.0, 1.5, 0.2, 1.5);
    assertEquals(250.0, sample.offsetMillis(), 1e-6);
    assertEquals(-250.0, sample.masterMinusLocalMillis(), 1e-6);
    assertEquals(3.0, sample.delayMillis(), 1e-6);
    assertEquals(1.5, sample.confidenceMillis(), 1e-6);
    assertTrue(sample.plausible());
  }

  @Test
  void anAsymmetricTripErrsByHalfTheDifferenceWithinTheConfidence() {
    PingSample sample = aheadBy250(1_700_000_000_000.0, 4.0, 0.1, 1.0);
    double error = sample.offsetMillis() - 250.0;
    assertEquals(-1.5, error, 1e-6);
    assertTrue(Math.abs(error) <= sample.confidenceMillis());
  }

  @Test
  void theBestIsTheLowestDelayAmongPlausibleSamples() {
    PingSample slow = aheadBy250(0, 30, 0, 2);
    PingSample fast = aheadBy250(100, 0.4, 0.05, 0.5);
    PingSample medium = aheadBy250(200, 2, 0, 2);
    PingSample impossible = new PingSample(300, 10, 5, 310);
    assertFalse(impossible.plausible());
    assertEquals(Optional.of(fast), PingSample.best(List.of(slow, impossible, fast, medium)));
    assertEquals(Optional.empty(), PingSample.best(List.of(impossible)));
    assertEquals(Optional.empty(), PingSample.best(List.of()));
  }

  @Test
  void theFilterKeepsALowDelayRoundOverALaterDisturbedOneUntilDriftOutweighsIt() {
    ClockFilter filter = new ClockFilter();
    assertEquals(Optional.empty(), filter.estimate(0));
    PingSample quiet = aheadBy250(1_000, 0.2, 0, 0.2);
    // every ping of the next round queued behind a busy moment: 9 ms one way, 1 ms back
    PingSample disturbed = aheadBy250(2_000, 9, 0, 1);
    filter.add(quiet);
    filter.add(disturbed);
    ClockFilter.Estimate kept = filter.estimate(2_010).orElseThrow();
    assertEquals(250.0, kept.offsetMillis(), 1e-6, "the disturbed round would have said " + disturbed.offsetMillis());
    // half the 0.4 ms delay, plus 50 ppm over the ~1.6 s since the quiet round's answer
    assertEquals(0.2 + (2_010 - quiet.t4()) / 1000 * ClockFilter.DRIFT_MILLIS_PER_SECOND, kept.confidenceMillis(), 1e-9);
    // a fresh round nearly as quiet wins: the older one's drift allowance has grown since
    PingSample fresh = aheadBy250(3_000, 0.25, 0, 0.2);
    filter.add(fresh);
    assertEquals(fresh.confidenceMillis(), filter.estimate(fresh.t4()).orElseThrow().confidenceMillis(), 1e-9);
  }

  @Test
  void theFilterForgetsRoundsBeyondItsWindow() {
    ClockFilter filter = new ClockFilter();
    filter.add(aheadBy250(0, 0.1, 0, 0.1));
    for (int i = 1; i <= ClockFilter.ROUNDS; i++) {
      filter.add(aheadBy250(i * 1000, 3, 0, 1));
    }
    assertEquals(2.0, filter.estimate(ClockFilter.ROUNDS * 1000 + 300).orElseThrow().confidenceMillis(), 0.05,
        "the 0.1 ms round fell out of the window; the rest err by 1 ms within 2 ms");
  }

  @Test
  void chronyWinsWhenSynchronisedElseTheBusElseNothing() {
    double now = 1_700_000_000_000.0;
    Optional<ChronyTracking> synced = Optional.of(ChronyTracking.parse(ChronyTrackingTest.CLIENT_SYNCED));
    Optional<ChronyTracking> unsynced = Optional.of(ChronyTracking.parse(ChronyTrackingTest.UNSYNCHRONISED));
    Optional<ClockFilter.Estimate> ping = Optional.of(new ClockFilter.Estimate(250, 1));

    ClockOffset chrony = ClockOffset.choose(synced, ping, now).orElseThrow();
    assertEquals(ClockOffset.CHRONY, chrony.source());
    assertEquals(0.012345, chrony.offsetMillis(), 1e-9);

    ClockOffset bus = ClockOffset.choose(unsynced, ping, now).orElseThrow();
    assertEquals(ClockOffset.BUS, bus.source());
    assertEquals(250.0, bus.offsetMillis(), 1e-6);
    assertEquals(1.0, bus.confidenceMillis(), 1e-6);
    assertEquals(now, bus.measuredAtMillis());

    assertEquals(Optional.empty(), ClockOffset.choose(unsynced, Optional.empty(), now));
    assertEquals(Optional.empty(), ClockOffset.choose(Optional.empty(), Optional.empty(), now));
    assertEquals(0.0, ClockOffset.self(now).offsetMillis());
  }
}

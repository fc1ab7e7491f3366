package io.sensepulse.rig.recorder;

import io.sensepulse.rig.RigClock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Blocks a worker thread until an instant on the node's clock, to a small fraction of a millisecond. */
final class InstantWait {
  private InstantWait() {}

  /**
   * The thread parks until this close to the instant and spins only the rest: parking is good to
   * about 0.1 ms, and three nodes spinning for milliseconds on a shared 2-core test box would take
   * the CPU from each other (spinning 2 ms measured p90 lateness of 1-2 ms there, 0.25 ms about 0.2-0.6).
   */
  static final double SPIN_MILLIS = 0.25;

  /** @return false when {@code cancelled} turned true first */
  static boolean until(RigClock clock, double localMillis, BooleanSupplier cancelled) {
    while (!cancelled.getAsBoolean()) {
      double remaining = localMillis - clock.nowMillis();
      if (remaining <= 0) {
        return true;
      }
      if (remaining > SPIN_MILLIS) {
        LockSupport.parkNanos((long) ((remaining - SPIN_MILLIS) * 1_000_000));
      } else {
        Thread.onSpinWait();
      }
    }
    return false;
  }
}

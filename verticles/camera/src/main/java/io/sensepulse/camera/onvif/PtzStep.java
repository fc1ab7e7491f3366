package io.sensepulse.camera.onvif;

import java.time.Duration;

/**
 * How far a move goes: a ContinuousMove at {@link #SPEED} for {@link #MILLIS_PER_STEP} ms per step,
 * then Stop. Steps run from {@link #MIN} to {@link #MAX}, fractions allowed, so one move lasts
 * 0.1 s to 1 s: a visible nudge on a typical dome at the least, a tenth of a turn at the most, so
 * that aiming takes a few presses rather than a race against the Stop.
 */
public final class PtzStep {
  private PtzStep() {}

  public static final double MIN = 1;
  public static final double MAX = 10;
  public static final long MILLIS_PER_STEP = 100;
  /** Half of full speed: fast enough to cross a room in a few presses, slow enough to aim. */
  public static final double SPEED = 0.5;

  /** The move's duration, or IllegalArgumentException for a step outside 1-10. */
  public static Duration duration(double step) {
    if (!Double.isFinite(step) || step < MIN || step > MAX) {
      throw new IllegalArgumentException("step must be a number from 1 to 10 (" + MILLIS_PER_STEP
          + " ms of movement each), not " + step);
    }
    return Duration.ofMillis(Math.round(step * MILLIS_PER_STEP));
  }
}

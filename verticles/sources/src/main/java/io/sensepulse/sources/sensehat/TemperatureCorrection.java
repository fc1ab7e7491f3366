package io.sensepulse.sources.sensehat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The HAT sits over the CPU and reads warm. The community correction users know: average the
 * HAT's temperatures, subtract (cpu - t) / 1.5, and smooth over the last three samples because
 * the CPU temperature jumps with load. One instance per source, fed once per poll; not thread-safe.
 */
final class TemperatureCorrection {
  static final int WINDOW = 3;
  private static final double FACTOR = 1.5;

  private final Deque<Double> window = new ArrayDeque<>(WINDOW);

  /** The average of the HAT's temperatures; there must be at least one. */
  static double average(List<Double> hatCelsius) {
    if (hatCelsius.isEmpty()) {
      throw new IllegalArgumentException("no HAT temperature to correct");
    }
    return hatCelsius.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /** Adds this poll's corrected value to the window and returns the window's mean. */
  double next(double hatCelsius, double cpuCelsius) {
    double corrected = hatCelsius - (cpuCelsius - hatCelsius) / FACTOR;
    if (window.size() == WINDOW) {
      window.removeFirst();
    }
    window.addLast(corrected);
    return window.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}

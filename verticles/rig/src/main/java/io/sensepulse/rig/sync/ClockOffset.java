package io.sensepulse.rig.sync;

import java.util.Map;

/**
 * This node's clock against the master's (CAM_C's), as kept in the node's local map for the
 * recorder: {@code offset_ms} = this clock minus the master's. No Vert.x here.
 *
 * @param source "chrony", "bus" (measured over the event bus) or "self" (this node is the master)
 * @param measuredAtMillis when it was measured, on this node's clock
 */
public record ClockOffset(double offsetMillis, double confidenceMillis, String source, double measuredAtMillis) {
  public static final String CHRONY = "chrony";
  public static final String BUS = "bus";
  public static final String SELF = "self";

  public static ClockOffset self(double nowMillis) {
    return new ClockOffset(0, 0, SELF, nowMillis);
  }

  public static ClockOffset fromChrony(ChronyTracking tracking, double nowMillis) {
    return new ClockOffset(tracking.offsetMillis(), tracking.confidenceMillis(), CHRONY, nowMillis);
  }

  public static ClockOffset fromBus(ClockFilter.Estimate estimate, double nowMillis) {
    return new ClockOffset(estimate.offsetMillis(), estimate.confidenceMillis(), BUS, nowMillis);
  }

  /**
   * chrony when it follows a reference (it filters over minutes, far better than a few pings),
   * else the filtered bus round trips, else nothing known.
   */
  public static java.util.Optional<ClockOffset> choose(java.util.Optional<ChronyTracking> chrony,
      java.util.Optional<ClockFilter.Estimate> bus, double nowMillis) {
    if (chrony.isPresent() && chrony.get().synchronised()) {
      return java.util.Optional.of(fromChrony(chrony.get(), nowMillis));
    }
    return bus.map(estimate -> fromBus(estimate, nowMillis));
  }

  /** The fields of the local map entry and of the status: {offset_ms, confidence_ms, source, measured_at}. */
  public Map<String, Object> fields() {
    return Map.of("offset_ms", round3(offsetMillis), "confidence_ms", round3(confidenceMillis), "source", source,
        "measured_at", measuredAtMillis);
  }

  /** Microseconds are the most any of these methods can tell. */
  private static double round3(double millis) {
    return Math.round(millis * 1000.0) / 1000.0;
  }
}

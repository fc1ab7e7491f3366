package io.sensepulse.gateway;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Limits sign-in attempts per client address: after {@link #MAX_FAILURES} failures within
 * {@link #WINDOW_MS} the address waits {@link #LOCKOUT_MS}; a success clears its record. An attempt
 * counts from the moment it starts, so a burst of parallel guesses cannot slip past the limit while
 * bcrypt runs. Used on the event loop only.
 */
final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  static final long WINDOW_MS = 5 * 60_000L;
  static final long LOCKOUT_MS = 5 * 60_000L;
  /** Past this many tracked addresses, stale ones are dropped so a scan of many addresses cannot grow the map. */
  private static final int PRUNE_ABOVE = 1_000;

  private final Map<String, Attempts> byAddress = new HashMap<>();
  private final LongSupplier clock;

  LoginThrottle(LongSupplier clock) {
    this.clock = clock;
  }

  private static final class Attempts {
    final ArrayDeque<Long> times = new ArrayDeque<>();
    long lockedUntil;
  }

  /** Seconds the address must still wait, or 0 after recording the attempt it may now make. */
  long begin(String address) {
    long now = clock.getAsLong();
    if (byAddress.size() > PRUNE_ABOVE) {
      byAddress.values().removeIf(attempts -> attempts.lockedUntil <= now && isEmptyAfterExpiry(attempts, now));
    }
    Attempts attempts = byAddress.computeIfAbsent(address, ignored -> new Attempts());
    isEmptyAfterExpiry(attempts, now);
    if (attempts.lockedUntil > now) {
      return seconds(attempts.lockedUntil - now);
    }
    if (attempts.times.size() >= MAX_FAILURES) {
      // Attempts still running: wait until the oldest leaves the window.
      return seconds(attempts.times.peekFirst() + WINDOW_MS - now);
    }
    attempts.times.addLast(now);
    return 0;
  }

  void succeeded(String address) {
    byAddress.remove(address);
  }

  void failed(String address) {
    Attempts attempts = byAddress.get(address);
    if (attempts != null && attempts.times.size() >= MAX_FAILURES) {
      attempts.lockedUntil = clock.getAsLong() + LOCKOUT_MS;
    }
  }

  private static boolean isEmptyAfterExpiry(Attempts attempts, long now) {
    while (!attempts.times.isEmpty() && attempts.times.peekFirst() <= now - WINDOW_MS) {
      attempts.times.removeFirst();
    }
    return attempts.times.isEmpty();
  }

  private static long seconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }
}

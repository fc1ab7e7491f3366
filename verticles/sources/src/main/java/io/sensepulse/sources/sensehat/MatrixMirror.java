package io.sensepulse.sources.sensehat;

import java.util.Optional;

/**
 * Decides which matrix frames go to the dashboards: only a frame that differs from the last one
 * sent, and at most one per interval, since the matrix may scroll at fifty frames a second. The
 * verticle offers every tick's frame, so a frame held back is sent on a later tick once the
 * interval has passed, and the mirror always ends on what the matrix shows.
 */
final class MatrixMirror {
  private final long intervalMillis;
  private Frame sent;
  private long sentAt;

  MatrixMirror(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /** @param nowMillis a monotonic clock in milliseconds */
  Optional<Frame> offer(Frame frame, long nowMillis) {
    if (frame.equals(sent) || (sent != null && nowMillis - sentAt < intervalMillis)) {
      return Optional.empty();
    }
    sent = frame;
    sentAt = nowMillis;
    return Optional.of(frame);
  }
}

package io.sensepulse.sources.sensehat;

import java.util.Optional;

/**
 * Decides which matrix frames go to the dashboards: a frame that differs from the last one sent,
 * at most one per interval, since the matrix may scroll at fifty frames a second; and an unchanged
 * frame again after a longer while, for dashboards that opened since (the bus keeps nothing). The
 * verticle offers every tick's frame, so a frame held back is sent on a later tick once the
 * interval has passed, and the mirror always ends on what the matrix shows.
 */
final class MatrixMirror {
  private final long intervalMillis;
  private final long repeatMillis;
  private Frame sent;
  private long sentAt;

  MatrixMirror(long intervalMillis, long repeatMillis) {
    this.intervalMillis = intervalMillis;
    this.repeatMillis = repeatMillis;
  }

  /** @param nowMillis a monotonic clock in milliseconds */
  Optional<Frame> offer(Frame frame, long nowMillis) {
    long since = nowMillis - sentAt;
    boolean due = sent == null || (frame.equals(sent) ? since >= repeatMillis : since >= intervalMillis);
    if (!due) {
      return Optional.empty();
    }
    sent = frame;
    sentAt = nowMillis;
    return Optional.of(frame);
  }
}

package io.sensepulse.rig.recorder;

import io.sensepulse.rig.RigClock;
import io.sensepulse.rig.capture.Y4m;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * The test source's shutter, standing in for a camera whose sensor is synchronised to the rig. The
 * pattern generator and the encoder are running well before the start instant; this passes the
 * generator's y4m frames to the encoder on the node's clock, frame k in the k-th frame slot after
 * the instant. A frame's time is its slot, as a sensor stamps a frame when it is exposed, not when
 * the CPU gets to it; the recording's own timeline (frame k at k / fps) says the same. How late the
 * first frame was actually handed over is reported alongside; a wake-up later than a whole frame
 * starts the recording in the next slot, as a camera drops a frame it cannot deliver.
 */
final class FrameClock {
  /** When the recording's first frame is and when it was passed on, both on this node's clock. */
  interface FirstFrame {
    void at(double slotLocalMillis, double handedOverLocalMillis);
  }

  private final RigClock clock;
  private final BooleanSupplier cancelled;

  /** @param cancelled checked while waiting for the instant: true ends the run with no frame passed */
  FrameClock(RigClock clock, BooleanSupplier cancelled) {
    this.clock = clock;
    this.cancelled = cancelled;
  }

  /**
   * Passes the header at once, so the encoder can open before the instant, then every frame in
   * its slot, until the generator's stream ends.
   *
   * @return the number of frames passed on
   */
  long run(InputStream generator, OutputStream encoder, double startLocalMillis, FirstFrame firstFrame)
      throws IOException {
    Y4m.Reader frames = new Y4m.Reader(generator);
    Y4m.Header header = frames.header();
    encoder.write(header.line());
    encoder.flush();
    byte[] frame = new byte[frames.maxFrameBytes()];
    int length = frames.next(frame);
    if (length < 0 || !InstantWait.until(clock, startLocalMillis, cancelled)) {
      return 0;
    }
    double handedOver = clock.nowMillis();
    double period = header.frameMillis();
    double first = startLocalMillis + Math.floor((handedOver - startLocalMillis) / period) * period;
    firstFrame.at(first, handedOver);
    long count = 0;
    do {
      InstantWait.until(clock, first + count * period, () -> false);
      encoder.write(frame, 0, length);
      encoder.flush();
      count++;
    } while ((length = frames.next(frame)) >= 0);
    return count;
  }
}

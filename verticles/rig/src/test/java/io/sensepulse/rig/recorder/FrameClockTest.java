package io.sensepulse.rig.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.rig.RigClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameClockTest {
  private static byte[] capture() throws IOException {
    try (InputStream in = FrameClockTest.class.getResourceAsStream("/capture/testsrc2-16x8-25fps-2frames.y4m")) {
      return in.readAllBytes();
    }
  }

  @Test
  void theFirstFrameGoesAtTheInstantAndTheNextOneFrameLaterOnTheNodesClock() throws IOException {
    RigClock skewed = RigClock.system(-80);
    double instant = skewed.nowMillis() + 30;
    List<Double> writes = new ArrayList<>();
    ByteArrayOutputStream encoder = new ByteArrayOutputStream() {
      @Override public void flush() {
        writes.add(skewed.nowMillis());
      }
    };
    double[] firstFrame = {Double.NaN, Double.NaN};
    long frames = new FrameClock(skewed, () -> false).run(new ByteArrayInputStream(capture()), encoder, instant,
        (slot, handedOver) -> {
          firstFrame[0] = slot;
          firstFrame[1] = handedOver;
        });
    assertEquals(2, frames);
    assertArrayEquals(capture(), encoder.toByteArray(), "header and frames passed on unchanged");
    assertEquals(3, writes.size(), "the header, then each frame");
    assertTrue(writes.get(0) < instant, "the header goes at once, so the encoder can open before the instant");
    assertTrue(firstFrame[1] >= instant, "handed over at " + firstFrame[1] + ", before the instant " + instant);
    // the first slot unless this thread woke a whole frame (40 ms) late
    assertEquals(0, (firstFrame[0] - instant) % 40, 1e-6, "the first frame is stamped with a slot of the instant's grid");
    assertTrue(firstFrame[0] <= firstFrame[1] && firstFrame[1] - firstFrame[0] < 40, "slot " + firstFrame[0] + ", handed over " + firstFrame[1]);
    assertTrue(writes.get(1) >= firstFrame[1]);
    assertTrue(writes.get(2) >= firstFrame[0] + 40, "the second frame " + (writes.get(2) - firstFrame[0]) + " ms after the first's slot");
  }

  @Test
  void aCancelledWaitPassesTheHeaderButNoFrame() throws IOException {
    RigClock clock = RigClock.system(0);
    ByteArrayOutputStream encoder = new ByteArrayOutputStream();
    boolean[] called = {false};
    long frames = new FrameClock(clock, () -> true)
        .run(new ByteArrayInputStream(capture()), encoder, clock.nowMillis() + 60_000, (slot, handedOver) -> called[0] = true);
    assertEquals(0, frames);
    assertEquals(false, called[0]);
    assertEquals(new String(capture(), 0, 55, java.nio.charset.StandardCharsets.US_ASCII), encoder.toString(java.nio.charset.StandardCharsets.US_ASCII));
  }
}

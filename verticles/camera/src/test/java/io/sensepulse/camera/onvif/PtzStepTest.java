package io.sensepulse.camera.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PtzStepTest {
  @Test
  void eachStepIsATenthOfASecond() {
    assertEquals(Duration.ofMillis(100), PtzStep.duration(1));
    assertEquals(Duration.ofMillis(250), PtzStep.duration(2.5));
    assertEquals(Duration.ofSeconds(1), PtzStep.duration(10));
  }

  @Test
  void stepsOutsideOneToTenAreRefused() {
    for (double bad : new double[] {0, 0.99, 10.01, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PtzStep.duration(bad));
      assertEquals("step must be a number from 1 to 10 (100 ms of movement each), not " + bad, error.getMessage());
    }
  }

  @Test
  void directionsAreTheBusNamesExactly() {
    assertEquals(PtzDirection.ZOOM_IN, PtzDirection.parse("zoomin"));
    assertEquals(-1, PtzDirection.parse("left").pan());
    assertEquals(-1, PtzDirection.parse("down").tilt());
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PtzDirection.parse("Left"));
    assertEquals("direction must be one of up, down, left, right, zoomin, zoomout, not 'Left'", error.getMessage());
    assertEquals("direction must be one of up, down, left, right, zoomin, zoomout",
        assertThrows(IllegalArgumentException.class, () -> PtzDirection.parse(null)).getMessage());
  }
}

package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemperatureCorrectionTest {
  @Test
  void averagesTheHatSensors() {
    assertEquals(36.0, TemperatureCorrection.average(List.of(35.0, 37.0)));
    assertThrows(IllegalArgumentException.class, () -> TemperatureCorrection.average(List.of()));
  }

  @Test
  void subtractsTheCpuExcessOverOnePointFiveAndSmoothsOverThree() {
    TemperatureCorrection correction = new TemperatureCorrection();
    // 36 - (51 - 36) / 1.5 = 26
    assertEquals(26.0, correction.next(36.0, 51.0), 1e-9);
    // 39 - (54 - 39) / 1.5 = 29; mean of 26, 29
    assertEquals(27.5, correction.next(39.0, 54.0), 1e-9);
    // 33 - (48 - 33) / 1.5 = 23; mean of 26, 29, 23
    assertEquals(26.0, correction.next(33.0, 48.0), 1e-9);
    // 30 - (30 - 30) / 1.5 = 30; 26 leaves the window: mean of 29, 23, 30
    assertEquals(27.333333333, correction.next(30.0, 30.0), 1e-6);
  }
}

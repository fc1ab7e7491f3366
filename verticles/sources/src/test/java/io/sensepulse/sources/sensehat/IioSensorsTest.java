package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IioSensorsTest {
  @TempDir
  Path sys;

  private SenseHatSample read() throws IOException {
    return IioSensors.read(new SenseHatFiles(sys, sys.resolve("dev")).iioDevices());
  }

  @Test
  void bothSensorsInUserUnits() throws IOException {
    HatTrees.writeLsm9ds1(sys, 0);
    HatTrees.writeLps25h(sys, 1);
    HatTrees.writeHts221(sys, 2);
    SenseHatSample sample = read();
    assertEquals(1010.0, sample.pressureHpa().getAsDouble(), 0.01);
    assertEquals(39.0, sample.humidityPercent().getAsDouble(), 1e-9);
    assertEquals(2, sample.temperaturesCelsius().size());
    assertEquals(36.5, sample.temperaturesCelsius().get(0), 1e-6);
    assertEquals(36.96, sample.temperaturesCelsius().get(1), 1e-9);
    assertEquals(List.of(), sample.missing());
  }

  @Test
  void hts221DisabledLeavesLps25hOnlyAndSaysSo() throws IOException {
    HatTrees.writeLps25h(sys, 0);
    SenseHatSample sample = read();
    assertEquals(1010.0, sample.pressureHpa().getAsDouble(), 0.01);
    assertTrue(sample.humidityPercent().isEmpty());
    assertEquals(1, sample.temperaturesCelsius().size());
    assertEquals(List.of("hts221"), sample.missing());
  }

  @Test
  void noIioAtAllMissesBoth() throws IOException {
    SenseHatSample sample = read();
    assertTrue(sample.pressureHpa().isEmpty());
    assertEquals(List.of("lps25h-press", "hts221"), sample.missing());
  }

  @Test
  void aBrokenHts221LeavesTheLps25hReadingsAndSaysWhy() throws IOException {
    HatTrees.writeLps25h(sys, 0);
    HatTrees.writeHts221(sys, 1);
    HatTrees.write(sys.resolve(SenseHatFiles.IIO_DEVICES).resolve("iio:device1/in_humidityrelative_raw"), "oops\n");
    SenseHatSample sample = read();
    assertEquals(1010.0, sample.pressureHpa().getAsDouble(), 0.01);
    assertTrue(sample.humidityPercent().isEmpty());
    assertEquals(1, sample.temperaturesCelsius().size());
    assertEquals(List.of(), sample.missing());
    assertEquals(List.of("hts221: in_humidityrelative_raw 'oops' is not a number"), sample.unreadable());
  }

  @Test
  void pressureWithoutOffsetIsRawTimesScale() {
    assertEquals(2.5, IioSensors.value("d", Map.of("in_pressure_raw", "5", "in_pressure_scale", "0.5"), "in_pressure"));
  }

  @Test
  void malformedOrMissingAttributesAreRejectedWithTheirName() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> IioSensors.value("lps25h-press", Map.of("in_pressure_raw", "1e9", "in_pressure_scale", "1"), "in_pressure"));
    assertEquals("lps25h-press: in_pressure_raw '1e9' is not a number", bad.getMessage());
    IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
        () -> IioSensors.value("hts221", Map.of("in_temp_raw", "1"), "in_temp"));
    assertEquals("hts221: no in_temp_scale", absent.getMessage());
  }
}

package io.sensepulse.sources.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sensepulse.common.Reading;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Names, units, rounding and omission of the readings, from parsed fixture text. */
class SystemReadingsTest {
  private static final long GIB = 1L << 30;

  private static SystemSample sample(Optional<Temperature> temperature, Optional<ThrottledFlags> throttled) {
    return new SystemSample(
        CpuTimes.parse(Fixtures.PROC_STAT_A),
        MemInfo.parse(Fixtures.PROC_MEMINFO),
        LoadAverage.parse(Fixtures.PROC_LOADAVG),
        Uptime.parse(Fixtures.PROC_UPTIME),
        Optional.of(new DiskUsage(32 * GIB, 12 * GIB, 10 * GIB)),
        temperature,
        throttled);
  }

  private static Map<String, Reading> byName(List<Reading> readings) {
    return readings.stream().collect(Collectors.toMap(Reading::sensor, Function.identity()));
  }

  @Test
  void everyReadingOfAPi() {
    List<Reading> readings = SystemReadings.of(
        sample(Optional.of(Temperature.parse(Fixtures.THERMAL_TEMP)), Optional.of(ThrottledFlags.parse(Fixtures.GET_THROTTLED))),
        OptionalDouble.of(19.96),
        1_700_000_000.5);
    Map<String, Reading> byName = byName(readings);
    assertEquals(19, readings.size());
    assertReading(byName, "cpu_percent", 20.0, "%");
    assertReading(byName, "memory_percent", 33.3, "%");
    assertReading(byName, "memory_available_mb", 598.4, "MB");
    assertReading(byName, "load_1m", 0.52, "");
    assertReading(byName, "load_5m", 0.58, "");
    assertReading(byName, "load_15m", 0.59, "");
    assertReading(byName, "uptime", 350_735L, "s");
    assertReading(byName, "disk_percent", 66.7, "%");
    assertReading(byName, "disk_free_gb", 10.0, "GB");
    assertReading(byName, "cpu_temperature", 48.3, "°C");
    assertReading(byName, "throttled", "0x50005", "");
    assertReading(byName, "under_voltage", true, "");
    assertReading(byName, "freq_capped", false, "");
    assertReading(byName, "throttling", true, "");
    assertReading(byName, "soft_temp_limit", false, "");
    assertReading(byName, "under_voltage_occurred", true, "");
    assertReading(byName, "freq_capped_occurred", false, "");
    assertReading(byName, "throttling_occurred", true, "");
    assertReading(byName, "soft_temp_limit_occurred", false, "");
    readings.forEach(reading -> assertEquals(1_700_000_000.5, reading.timestamp()));
  }

  @Test
  void whatWasNotMeasuredIsLeftOut() {
    List<Reading> readings = SystemReadings.of(sample(Optional.empty(), Optional.empty()), OptionalDouble.empty(), 1.0);
    assertEquals(
        List.of("memory_percent", "memory_available_mb", "load_1m", "load_5m", "load_15m", "uptime", "disk_percent", "disk_free_gb"),
        readings.stream().map(Reading::sensor).toList());
  }

  private static void assertReading(Map<String, Reading> byName, String name, Object value, String unit) {
    Reading reading = byName.get(name);
    assertEquals(value, reading == null ? null : reading.value(), name);
    assertEquals(unit, reading.unit(), name + " unit");
  }
}

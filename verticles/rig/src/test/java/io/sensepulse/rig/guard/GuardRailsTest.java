package io.sensepulse.rig.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sensepulse.rig.guard.GuardRails.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each refusal and warning from the facts alone. */
class GuardRailsTest {
  /** 30 Mbps: 225 MB a minute; two hours need 27 GB. */
  private static final GuardLimits LIMITS = new GuardLimits(30e6 / 8 * 60, 120, 80, 15, 10, 50);
  private static final GuardFacts HEALTHY = new GuardFacts(null, null, false, 100_000_000_000L, 55.0, 80.0, 0.4);

  private record Row(String name, GuardFacts facts, List<Reason> refusals, List<String> warnings) {}

  private static GuardFacts with(String camera, String storage, boolean missing, long free, Double temperature,
      Double battery, Double offset) {
    return new GuardFacts(camera, storage, missing, free, temperature, battery, offset);
  }

  @Test
  void everyReasonOnItsOwn() {
    List<Row> rows = List.of(
        new Row("healthy", HEALTHY, List.of(), List.of()),
        new Row("camera missing", with("no device node /dev/video0", null, false, HEALTHY.freeBytes(), 55.0, 80.0, 0.4),
            List.of(Reason.CAMERA_MISSING), List.of()),
        new Row("storage missing", with(null, "/mnt/ssd does not exist", true, -1, 55.0, 80.0, 0.4),
            List.of(Reason.STORAGE_MISSING), List.of()),
        new Row("read-only", with(null, "/mnt/ssd/recordings (AccessDeniedException)", false, -1, 55.0, 80.0, 0.4),
            List.of(Reason.STORAGE_NOT_WRITABLE), List.of()),
        new Row("nearly full", with(null, null, false, 26_000_000_000L, 55.0, 80.0, 0.4),
            List.of(Reason.STORAGE_LOW), List.of()),
        new Row("just enough", with(null, null, false, 27_000_000_000L, 55.0, 80.0, 0.4), List.of(), List.of()),
        new Row("free space unknown", with(null, null, false, -1, 55.0, 80.0, 0.4), List.of(), List.of()),
        new Row("hot", with(null, null, false, HEALTHY.freeBytes(), 80.0, 80.0, 0.4),
            List.of(Reason.TEMPERATURE_HIGH), List.of()),
        new Row("no thermal zone", with(null, null, false, HEALTHY.freeBytes(), null, 80.0, 0.4), List.of(), List.of()),
        new Row("battery low", with(null, null, false, HEALTHY.freeBytes(), 55.0, 15.0, 0.4),
            List.of(), List.of("battery low: 15 %")),
        new Row("battery critical", with(null, null, false, HEALTHY.freeBytes(), 55.0, 10.0, 0.4),
            List.of(Reason.BATTERY_CRITICAL), List.of()),
        new Row("mains powered", with(null, null, false, HEALTHY.freeBytes(), 55.0, null, 0.4), List.of(), List.of()),
        new Row("clock far off", with(null, null, false, HEALTHY.freeBytes(), 55.0, 80.0, -50.5),
            List.of(Reason.CLOCK_OFFSET), List.of()),
        new Row("clock not measured", with(null, null, false, HEALTHY.freeBytes(), 55.0, 80.0, null),
            List.of(), List.of(GuardRails.CLOCK_NOT_SYNCHRONISED)),
        new Row("everything at once", with("rpicam-hello --list-cameras lists no camera", null, false, 1_000, 90.0, 5.0, 400.0),
            List.of(Reason.CAMERA_MISSING, Reason.STORAGE_LOW, Reason.TEMPERATURE_HIGH, Reason.BATTERY_CRITICAL,
                Reason.CLOCK_OFFSET), List.of()));
    for (Row row : rows) {
      GuardRails.Verdict verdict = GuardRails.evaluate(row.facts(), LIMITS);
      assertEquals(row.refusals(), verdict.refusals().stream().map(GuardRails.Refusal::reason).toList(), row.name());
      assertEquals(row.warnings(), verdict.warnings(), row.name());
      assertEquals(row.refusals().isEmpty(), verdict.allowed(), row.name());
    }
  }

  @Test
  void refusalsSayWhatIsWrongInNumbers() {
    GuardRails.Verdict verdict = GuardRails.evaluate(with(null, null, false, 26_000_000_000L, 81.25, 9.0, 60.0), LIMITS);
    assertEquals(List.of(
        "not enough free space: 26.0 GB free, 120 minutes at the configured bitrate need 27.0 GB",
        "CPU temperature 81.3 C is at or above 80.0 C",
        "battery 9 % is at or below 10 %",
        "clock offset 60.0 ms to CAM_C is above 50.0 ms"),
        verdict.refusals().stream().map(GuardRails.Refusal::message).toList());
    assertEquals("storage_low", verdict.refusals().get(0).reason().code());
  }

  @Test
  void sysfsValuesAreParsed() {
    assertEquals(48.312, SysfsValues.temperatureC("48312\n"), 1e-9);
    assertEquals(-2.5, SysfsValues.temperatureC("-2500"), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> SysfsValues.temperatureC("hot"));
    assertEquals(87.0, SysfsValues.batteryPercent("87\n"));
    assertEquals(87.5, SysfsValues.batteryPercent("87.5 %"));
    assertThrows(IllegalArgumentException.class, () -> SysfsValues.batteryPercent("101"));
    assertThrows(IllegalArgumentException.class, () -> SysfsValues.batteryPercent("Full"));
  }
}

package io.sensepulse.sources.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The pure parsers, on text in the kernel's formats. */
class SystemFormatsTest {

  @Test
  void procStatUsesOnlyTheAggregateCpuLine() {
    CpuTimes times = CpuTimes.parse(Fixtures.PROC_STAT_A);
    assertEquals(10_869_567 + 12_451, times.idle());
    assertEquals(11_207_128, times.total());
  }

  @Test
  void cpuPercentFromTwoSuccessiveSnapshots() {
    CpuTimes earlier = CpuTimes.parse(Fixtures.PROC_STAT_A);
    CpuTimes later = CpuTimes.parse(Fixtures.PROC_STAT_B);
    // total delta 1000 ticks, idle + iowait delta 800: busy 20 %
    assertEquals(20.0, later.busyPercentSince(earlier).getAsDouble(), 1e-9);
  }

  @Test
  void cpuPercentCountsIowaitAsIdle() {
    CpuTimes earlier = CpuTimes.parse("cpu  100 0 100 1000 0 0 0 0 0 0\n");
    // +100 user, +100 idle, +200 iowait: 400 ticks of which 300 idle: 25 % busy (50 % if iowait were busy)
    CpuTimes later = CpuTimes.parse("cpu  200 0 100 1100 200 0 0 0 0 0\n");
    assertEquals(25.0, later.busyPercentSince(earlier).getAsDouble(), 1e-9);
  }

  @Test
  void guestTimeIsNotCountedTwice() {
    // guest (column 9) is already part of user: deltas user +300 (200 of it guest), idle +100
    CpuTimes earlier = CpuTimes.parse("cpu  1000 0 0 5000 0 0 0 0 500 0\n");
    CpuTimes later = CpuTimes.parse("cpu  1300 0 0 5100 0 0 0 0 700 0\n");
    assertEquals(5_100, later.idle());
    assertEquals(6_400, later.total());
    assertEquals(75.0, later.busyPercentSince(earlier).getAsDouble(), 1e-9);
  }

  @Test
  void noCpuPercentWithoutElapsedTicksOrWhenCountersGoBack() {
    CpuTimes a = CpuTimes.parse(Fixtures.PROC_STAT_A);
    CpuTimes b = CpuTimes.parse(Fixtures.PROC_STAT_B);
    assertEquals(OptionalDouble.empty(), a.busyPercentSince(a));
    assertEquals(OptionalDouble.empty(), a.busyPercentSince(b));
  }

  @Test
  void cpuPercentStaysWithinBoundsWhenIowaitDecreases() {
    // iowait fell by 50 while only 10 ticks passed: idle delta -40 of 10 would be 500 % busy
    CpuTimes earlier = CpuTimes.parse("cpu  100 0 0 1000 100 0 0 0 0 0\n");
    CpuTimes later = CpuTimes.parse("cpu  150 0 0 1010 50 0 0 0 0 0\n");
    assertEquals(100.0, later.busyPercentSince(earlier).getAsDouble(), 1e-9);
  }

  @Test
  void malformedProcStatIsRejectedWithTheReason() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CpuTimes.parse("cpu0 1 2 3 4\nctxt 5\n"))
        .getMessage().contains("no aggregate 'cpu' line"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CpuTimes.parse("cpu  1 2 3\n"))
        .getMessage().contains("3 columns"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CpuTimes.parse("cpu  1 2 x 4 5 6 7 8\n"))
        .getMessage().contains("'x' is not a tick count"));
  }

  @Test
  void meminfoTotalAndAvailable() {
    MemInfo memory = MemInfo.parse(Fixtures.PROC_MEMINFO);
    assertEquals(918_852, memory.totalKb());
    assertEquals(612_748, memory.availableKb());
    // 100 * (1 - 612748/918852) and 612748 / 1024
    assertEquals(33.3137, memory.usedPercent(), 1e-4);
    assertEquals(598.3867, memory.availableMb(), 1e-4);
  }

  @Test
  void meminfoWithoutMemAvailableIsRejected() {
    String withoutAvailable = Fixtures.PROC_MEMINFO.replace("MemAvailable:     612748 kB\n", "");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MemInfo.parse(withoutAvailable))
        .getMessage().contains("MemAvailable"));
    assertThrows(IllegalArgumentException.class, () -> MemInfo.parse("MemTotal: lots\nMemAvailable: 1 kB\n"));
  }

  @Test
  void loadAverages() {
    assertEquals(new LoadAverage(0.52, 0.58, 0.59), LoadAverage.parse(Fixtures.PROC_LOADAVG));
    assertThrows(IllegalArgumentException.class, () -> LoadAverage.parse("0.52 0.58\n"));
    assertThrows(IllegalArgumentException.class, () -> LoadAverage.parse("NaN 0.58 0.59 1/389 12345\n"));
  }

  @Test
  void uptimeIsTheFirstField() {
    assertEquals(350_735.47, Uptime.parse(Fixtures.PROC_UPTIME).seconds(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> Uptime.parse("\n"));
  }

  @Test
  void thermalZoneMillidegrees() {
    assertEquals(48.312, Temperature.parse(Fixtures.THERMAL_TEMP).celsius(), 1e-9);
    assertEquals(-5.25, Temperature.parse("-5250\n").celsius(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> Temperature.parse("48.3\n"));
  }

  @Test
  void getThrottled50005IsUnderVoltageAndThrottlingNowAndSinceBoot() {
    ThrottledFlags flags = ThrottledFlags.parse(Fixtures.GET_THROTTLED);
    assertEquals("0x50005", flags.hex());
    assertTrue(flags.underVoltage());
    assertFalse(flags.freqCapped());
    assertTrue(flags.throttling());
    assertFalse(flags.softTempLimit());
    assertTrue(flags.underVoltageOccurred());
    assertFalse(flags.freqCappedOccurred());
    assertTrue(flags.throttlingOccurred());
    assertFalse(flags.softTempLimitOccurred());
  }

  @Test
  void getThrottledOtherBits() {
    // 0xe000a: freq capped + soft temp limit now; freq capped, throttling, soft temp limit since boot
    ThrottledFlags flags = ThrottledFlags.parse("0xE000A");
    assertEquals("0xe000a", flags.hex());
    assertFalse(flags.underVoltage());
    assertTrue(flags.freqCapped());
    assertFalse(flags.throttling());
    assertTrue(flags.softTempLimit());
    assertFalse(flags.underVoltageOccurred());
    assertTrue(flags.freqCappedOccurred());
    assertTrue(flags.throttlingOccurred());
    assertTrue(flags.softTempLimitOccurred());

    ThrottledFlags healthy = ThrottledFlags.parse("0\n");
    assertEquals("0x0", healthy.hex());
    assertFalse(healthy.underVoltage() || healthy.throttling() || healthy.underVoltageOccurred());
  }

  @Test
  void getThrottledMustBeHex() {
    assertThrows(IllegalArgumentException.class, () -> ThrottledFlags.parse("throttled\n"));
    assertThrows(IllegalArgumentException.class, () -> ThrottledFlags.parse("123456789\n"));
  }

  @Test
  void diskUseAsDfComputesIt() {
    long gib = 1L << 30;
    // 32 GiB, 12 GiB free of which 10 GiB available to users: used 20, Use% 20/(20+10)
    DiskUsage disk = new DiskUsage(32 * gib, 12 * gib, 10 * gib);
    assertEquals(66.6667, disk.usedPercent(), 1e-4);
    assertEquals(10.0, disk.availableGb(), 1e-9);
  }
}

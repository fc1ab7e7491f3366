package io.sensepulse.sources.system;

import io.sensepulse.common.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The readings of the system source: names and units the dashboard shows as they are. */
public final class SystemReadings {
  private SystemReadings() {}

  public static final String CPU_PERCENT = "cpu_percent";
  public static final String MEMORY_PERCENT = "memory_percent";
  public static final String MEMORY_AVAILABLE_MB = "memory_available_mb";
  public static final String LOAD_1M = "load_1m";
  public static final String LOAD_5M = "load_5m";
  public static final String LOAD_15M = "load_15m";
  public static final String UPTIME = "uptime";
  public static final String DISK_PERCENT = "disk_percent";
  public static final String DISK_FREE_GB = "disk_free_gb";
  public static final String CPU_TEMPERATURE = "cpu_temperature";
  public static final String THROTTLED = "throttled";
  public static final String UNDER_VOLTAGE = "under_voltage";
  public static final String FREQ_CAPPED = "freq_capped";
  public static final String THROTTLING = "throttling";
  public static final String SOFT_TEMP_LIMIT = "soft_temp_limit";
  public static final String UNDER_VOLTAGE_OCCURRED = "under_voltage_occurred";
  public static final String FREQ_CAPPED_OCCURRED = "freq_capped_occurred";
  public static final String THROTTLING_OCCURRED = "throttling_occurred";
  public static final String SOFT_TEMP_LIMIT_OCCURRED = "soft_temp_limit_occurred";

  private static final String PERCENT = "%";
  private static final String NONE = "";

  /**
   * @param cpuPercent empty when no CPU % could be measured this run; the reading is then left out
   * @param timestamp seconds since the epoch, shared by every reading of the run
   */
  public static List<Reading> of(SystemSample sample, OptionalDouble cpuPercent, double timestamp) {
    List<Reading> readings = new ArrayList<>(19);
    cpuPercent.ifPresent(percent -> readings.add(new Reading(CPU_PERCENT, Decimals.round(percent, 1), PERCENT, timestamp)));
    readings.add(new Reading(MEMORY_PERCENT, Decimals.round(sample.memory().usedPercent(), 1), PERCENT, timestamp));
    readings.add(new Reading(MEMORY_AVAILABLE_MB, Decimals.round(sample.memory().availableMb(), 1), "MB", timestamp));
    readings.add(new Reading(LOAD_1M, sample.load().oneMinute(), NONE, timestamp));
    readings.add(new Reading(LOAD_5M, sample.load().fiveMinutes(), NONE, timestamp));
    readings.add(new Reading(LOAD_15M, sample.load().fifteenMinutes(), NONE, timestamp));
    readings.add(new Reading(UPTIME, Math.round(sample.uptime().seconds()), "s", timestamp));
    sample.disk().ifPresent(disk -> {
      readings.add(new Reading(DISK_PERCENT, Decimals.round(disk.usedPercent(), 1), PERCENT, timestamp));
      readings.add(new Reading(DISK_FREE_GB, Decimals.round(disk.availableGb(), 1), "GB", timestamp));
    });
    sample.temperature().ifPresent(temperature ->
        readings.add(new Reading(CPU_TEMPERATURE, Decimals.round(temperature.celsius(), 1), "°C", timestamp)));
    sample.throttled().ifPresent(flags -> {
      readings.add(new Reading(THROTTLED, flags.hex(), NONE, timestamp));
      readings.add(new Reading(UNDER_VOLTAGE, flags.underVoltage(), NONE, timestamp));
      readings.add(new Reading(FREQ_CAPPED, flags.freqCapped(), NONE, timestamp));
      readings.add(new Reading(THROTTLING, flags.throttling(), NONE, timestamp));
      readings.add(new Reading(SOFT_TEMP_LIMIT, flags.softTempLimit(), NONE, timestamp));
      readings.add(new Reading(UNDER_VOLTAGE_OCCURRED, flags.underVoltageOccurred(), NONE, timestamp));
      readings.add(new Reading(FREQ_CAPPED_OCCURRED, flags.freqCappedOccurred(), NONE, timestamp));
      readings.add(new Reading(THROTTLING_OCCURRED, flags.throttlingOccurred(), NONE, timestamp));
      readings.add(new Reading(SOFT_TEMP_LIMIT_OCCURRED, flags.softTempLimitOccurred(), NONE, timestamp));
    });
    return readings;
  }
}

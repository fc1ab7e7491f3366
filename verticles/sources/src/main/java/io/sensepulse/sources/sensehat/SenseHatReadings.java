package io.sensepulse.sources.sensehat;

import io.sensepulse.common.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The readings of the Sense HAT source ({@code sense_hat}); only sensors present this poll are written. */
public final class SenseHatReadings {
  private SenseHatReadings() {}

  public static final String TEMPERATURE = "temperature";
  public static final String TEMPERATURE_RAW = "temperature_raw";
  public static final String PRESSURE = "pressure";
  public static final String HUMIDITY = "humidity";

  /**
   * @param corrected the CPU-corrected, smoothed temperature; empty without a HAT or CPU temperature
   * @param timestamp seconds since the epoch, shared by every reading of the poll
   */
  public static List<Reading> of(SenseHatSample sample, OptionalDouble corrected, double timestamp) {
    List<Reading> readings = new ArrayList<>(4);
    corrected.ifPresent(celsius -> readings.add(new Reading(TEMPERATURE, round(celsius), "°C", timestamp)));
    if (!sample.temperaturesCelsius().isEmpty()) {
      double raw = TemperatureCorrection.average(sample.temperaturesCelsius());
      readings.add(new Reading(TEMPERATURE_RAW, round(raw), "°C", timestamp));
    }
    sample.pressureHpa().ifPresent(hpa -> readings.add(new Reading(PRESSURE, round(hpa), "hPa", timestamp)));
    sample.humidityPercent().ifPresent(percent -> readings.add(new Reading(HUMIDITY, round(percent), "%", timestamp)));
    return readings;
  }

  /** One decimal: more than the sensors' accuracy already. */
  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}

package io.sensepulse.sources.sensehat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The Sense HAT's environmental sensors as the kernel's IIO drivers expose them, from the text of
 * their sysfs attributes keyed by device name ({@code iio:deviceN/name}) then attribute file name.
 *
 * <p>Per Documentation/ABI/testing/sysfs-bus-iio a value is (raw + offset) x scale, in kPa for
 * pressure, milli-degrees Celsius for temperature and milli-percent for relative humidity. The
 * lps25h (st_pressure) scale is 0.1/4096 kPa per LSB (the datasheet's 1/4096 hPa), its temperature
 * 1000/480 m°C per LSB with an offset of 42.5 °C x 480 LSB.
 */
public final class IioSensors {
  private IioSensors() {}

  public static final String LPS25H = "lps25h-press";
  public static final String HTS221 = "hts221";
  /** The devices whose absence the status reports; the IMU (lsm9ds1) is not read. */
  public static final List<String> EXPECTED = List.of(LPS25H, HTS221);

  private static final double HPA_PER_KPA = 10.0;
  private static final double UNITS_PER_MILLI = 1000.0;

  /** A device present but with a malformed or missing attribute is left out and described in {@code unreadable}. */
  public static SenseHatSample read(Map<String, Map<String, String>> devices) {
    List<String> missing = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<Double> temperatures = new ArrayList<>();
    OptionalDouble pressure = OptionalDouble.empty();
    OptionalDouble humidity = OptionalDouble.empty();
    for (String name : EXPECTED) {
      Map<String, String> attributes = devices.get(name);
      if (attributes == null) {
        missing.add(name);
        continue;
      }
      try {
        double temperature = value(name, attributes, "in_temp") / UNITS_PER_MILLI;
        if (name.equals(LPS25H)) {
          pressure = OptionalDouble.of(value(name, attributes, "in_pressure") * HPA_PER_KPA);
        } else {
          humidity = OptionalDouble.of(value(name, attributes, "in_humidityrelative") / UNITS_PER_MILLI);
        }
        temperatures.add(temperature);
      } catch (IllegalArgumentException e) {
        unreadable.add(e.getMessage());
      }
    }
    return new SenseHatSample(pressure, humidity, List.copyOf(temperatures), List.copyOf(missing), List.copyOf(unreadable));
  }

  /** (raw + offset) x scale; offset is optional (lps25h has none on pressure), raw and scale are not. */
  static double value(String device, Map<String, String> attributes, String channel) {
    double raw = number(device, attributes, channel + "_raw", true);
    double offset = attributes.containsKey(channel + "_offset") ? number(device, attributes, channel + "_offset", false) : 0.0;
    double scale = number(device, attributes, channel + "_scale", false);
    return (raw + offset) * scale;
  }

  private static double number(String device, Map<String, String> attributes, String file, boolean integer) {
    String text = attributes.get(file);
    if (text == null) {
      throw new IllegalArgumentException(device + ": no " + file);
    }
    String trimmed = text.trim();
    // raw is an integer; offset and scale are IIO_VAL_INT_PLUS_MICRO/NANO decimals, possibly negative.
    String pattern = integer ? "-?[0-9]{1,12}" : "-?[0-9]{1,12}(\\.[0-9]{1,12})?";
    if (!trimmed.matches(pattern)) {
      throw new IllegalArgumentException(device + ": " + file + " '" + trimmed + "' is not a number");
    }
    return Double.parseDouble(trimmed);
  }
}

package io.sensepulse.sources.sensehat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fake /sys trees of a Sense HAT in the layout and formats the kernel drivers use. */
final class HatTrees {
  private HatTrees() {}

  /**
   * lps25h (st_pressure): pressure 4136960 x 0.000024414 kPa = 100.9997 kPa = 1010.0 hPa (1010 x 4096 LSB);
   * temperature (-2880 + 20400) x 2.083333333 m°C = 36.5 °C (the datasheet's 42.5 + raw / 480).
   */
  static void writeLps25h(Path sys, int index) throws IOException {
    Path device = sys.resolve(SenseHatFiles.IIO_DEVICES).resolve("iio:device" + index);
    write(device.resolve("name"), "lps25h-press\n");
    write(device.resolve("in_pressure_raw"), "4136960\n");
    write(device.resolve("in_pressure_scale"), "0.000024414\n");
    write(device.resolve("in_temp_raw"), "-2880\n");
    write(device.resolve("in_temp_offset"), "20400\n");
    write(device.resolve("in_temp_scale"), "2.083333333\n");
    write(device.resolve("sampling_frequency"), "25\n");
  }

  /**
   * hts221 with made-up calibration (the driver derives offset and scale from the chip's own):
   * humidity (1200 + 24800) x 1.5 m% = 39.0 %; temperature (240 + 9000) x 4.0 m°C = 36.96 °C.
   */
  static void writeHts221(Path sys, int index) throws IOException {
    Path device = sys.resolve(SenseHatFiles.IIO_DEVICES).resolve("iio:device" + index);
    write(device.resolve("name"), "hts221\n");
    write(device.resolve("in_humidityrelative_raw"), "1200\n");
    write(device.resolve("in_humidityrelative_offset"), "24800.000000000\n");
    write(device.resolve("in_humidityrelative_scale"), "1.500000000\n");
    write(device.resolve("in_temp_raw"), "240\n");
    write(device.resolve("in_temp_offset"), "9000.000000000\n");
    write(device.resolve("in_temp_scale"), "4.000000000\n");
  }

  /** The HAT's IMU, which the source does not read. */
  static void writeLsm9ds1(Path sys, int index) throws IOException {
    Path device = sys.resolve(SenseHatFiles.IIO_DEVICES).resolve("iio:device" + index);
    write(device.resolve("name"), "lsm9ds1_accel\n");
    write(device.resolve("in_accel_x_raw"), "12\n");
  }

  static void writeCpuTemperature(Path sys, String millidegrees) throws IOException {
    write(sys.resolve(SenseHatFiles.THERMAL_ZONE_TEMP), millidegrees);
  }

  /**
   * /sys/class/leds of a Pi on a current kernel: ACT flashing on SD card activity (dark right now),
   * PWR lit by hand with no trigger, and the SD slot's own LED, which is not the board's.
   */
  static void writeBoardLeds(Path sys) throws IOException {
    Path leds = sys.resolve(BoardLeds.LEDS);
    write(leds.resolve("ACT/trigger"), "none rc-feedback kbd-scrolllock [mmc0] timer oneshot heartbeat default-on\n");
    write(leds.resolve("ACT/brightness"), "0\n");
    write(leds.resolve("PWR/trigger"), "[none] rc-feedback kbd-scrolllock mmc0 timer oneshot heartbeat default-on\n");
    write(leds.resolve("PWR/brightness"), "255\n");
    write(leds.resolve("mmc0::/trigger"), "[mmc0] none\n");
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}

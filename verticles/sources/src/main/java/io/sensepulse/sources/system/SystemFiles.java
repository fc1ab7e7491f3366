package io.sensepulse.sources.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Blocking reads of the files the system source parses, under configurable roots so tests can
 * point it at a fake tree. Call only from a worker thread.
 *
 * <p>The /proc files exist on every Linux system: a missing or malformed one fails the read with
 * the file's path in the message. The extras (thermal zone, Pi firmware, data folder) are left out
 * when absent, and left out with a warning when present but unreadable.
 */
class SystemFiles {
  private static final Logger LOG = Logger.getLogger(SystemFiles.class.getName());
  static final String THERMAL_ZONE_TEMP = "class/thermal/thermal_zone0/temp";
  /** The raspberrypi-firmware driver's attribute; only Raspberry Pi kernels have it. */
  static final String GET_THROTTLED = "devices/platform/soc/soc:firmware/get_throttled";

  private final Path procRoot;
  private final Path sysRoot;
  private final Path dataDir;

  SystemFiles(Path procRoot, Path sysRoot, Path dataDir) {
    this.procRoot = procRoot;
    this.sysRoot = sysRoot;
    this.dataDir = dataDir;
  }

  SystemSample sample() throws IOException {
    return new SystemSample(
        cpuTimes(),
        required(procRoot.resolve("meminfo"), MemInfo::parse),
        required(procRoot.resolve("loadavg"), LoadAverage::parse),
        required(procRoot.resolve("uptime"), Uptime::parse),
        disk(),
        optional(sysRoot.resolve(THERMAL_ZONE_TEMP), Temperature::parse),
        optional(sysRoot.resolve(GET_THROTTLED), ThrottledFlags::parse));
  }

  CpuTimes cpuTimes() throws IOException {
    return required(procRoot.resolve("stat"), CpuTimes::parse);
  }

  private static <T> T required(Path file, Function<String, T> parser) throws IOException {
    String text;
    try {
      text = read(file);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static <T> Optional<T> optional(Path file, Function<String, T> parser) {
    try {
      return Optional.of(parser.apply(read(file)));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      LOG.warning("ignoring " + file + ": " + e);
      return Optional.empty();
    }
  }

  private Optional<DiskUsage> disk() {
    try {
      FileStore store = Files.getFileStore(dataDir);
      // Pseudo filesystems report no blocks at all: there is no disk use to speak of.
      if (store.getTotalSpace() <= 0) {
        return Optional.empty();
      }
      return Optional.of(new DiskUsage(store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace()));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warning("no disk use for " + dataDir + ": " + e);
      return Optional.empty();
    }
  }

  /** /proc and /sys text is ASCII; Latin-1 maps any byte to a char, so a stray byte cannot fail the decode. */
  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }
}

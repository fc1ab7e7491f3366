package io.sensepulse.sources.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Reading;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SystemSource over fake /proc + /sys trees written in the real formats. */
@ExtendWith(VertxExtension.class)
class SystemSourceTest {
  private static final Duration WINDOW = Duration.ofMillis(100);
  private static final Duration NEVER = Duration.ofHours(1);
  private static final Set<String> PI_ONLY = Set.of(
      "cpu_temperature", "throttled", "under_voltage", "freq_capped", "throttling", "soft_temp_limit",
      "under_voltage_occurred", "freq_capped_occurred", "throttling_occurred", "soft_temp_limit_occurred");

  @TempDir
  Path root;

  /** Files whose /proc/stat moves on from snapshot A to B right after it is first read, as a running CPU's would. */
  private static SystemFiles advancingFiles(Path proc, Path sys, Path data) {
    AtomicBoolean advanced = new AtomicBoolean();
    return new SystemFiles(proc, sys, data) {
      @Override
      CpuTimes cpuTimes() throws IOException {
        CpuTimes times = super.cpuTimes();
        if (advanced.compareAndSet(false, true)) {
          Files.writeString(proc.resolve("stat"), Fixtures.PROC_STAT_B);
        }
        return times;
      }
    };
  }

  private static SystemSource source(Vertx vertx, SystemFiles files, Path proc, Duration window, Duration maxAge) {
    return new SystemSource(vertx, files, new CpuHistory(vertx, proc), window, maxAge);
  }

  private static Map<String, Reading> byName(List<Reading> readings) {
    return readings.stream().collect(Collectors.toMap(Reading::sensor, Function.identity()));
  }

  @Test
  void firstRunMeasuresCpuOverAWindowAndReadsThePiTree(Vertx vertx, VertxTestContext test) throws IOException {
    Path proc = Fixtures.writeProc(root, Fixtures.PROC_STAT_A);
    Path sys = Fixtures.writePiSys(root);
    SystemSource source = source(vertx, advancingFiles(proc, sys, root), proc, WINDOW, NEVER);
    long started = System.nanoTime();
    source.poll().onComplete(test.succeeding(readings -> test.verify(() -> {
      assertTrue(System.nanoTime() - started >= WINDOW.toNanos(), "waited for the second snapshot");
      Map<String, Reading> byName = byName(readings);
      assertEquals(20.0, byName.get("cpu_percent").value());
      assertEquals(33.3, byName.get("memory_percent").value());
      assertEquals(598.4, byName.get("memory_available_mb").value());
      assertEquals(0.52, byName.get("load_1m").value());
      assertEquals(0.58, byName.get("load_5m").value());
      assertEquals(0.59, byName.get("load_15m").value());
      assertEquals(350_735L, byName.get("uptime").value());
      assertEquals(48.3, byName.get("cpu_temperature").value());
      assertEquals("0x50005", byName.get("throttled").value());
      assertEquals(true, byName.get("under_voltage").value());
      assertEquals(false, byName.get("freq_capped").value());
      assertEquals(true, byName.get("throttling").value());
      assertEquals(false, byName.get("soft_temp_limit").value());
      assertEquals(true, byName.get("under_voltage_occurred").value());
      assertEquals(true, byName.get("throttling_occurred").value());
      double diskPercent = (Double) byName.get("disk_percent").value();
      assertTrue(diskPercent >= 0 && diskPercent <= 100, "disk_percent " + diskPercent);
      assertTrue((Double) byName.get("disk_free_gb").value() >= 0);
      assertEquals(19, readings.size());
      test.completeNow();
    })));
  }

  @Test
  void nextRunMeasuresCpuSinceThePreviousOneWithoutWaiting(Vertx vertx, VertxTestContext test) throws IOException {
    Path proc = Fixtures.writeProc(root, Fixtures.PROC_STAT_A);
    Path sys = Fixtures.writePiSys(root);
    // Each run builds a new source, as each deployment of the ephemeral verticle does.
    source(vertx, new SystemFiles(proc, sys, root), proc, WINDOW, NEVER).poll()
        .onComplete(test.succeeding(first -> test.verify(() ->
            // /proc/stat did not change over the window: no ticks passed, so no CPU % rather than a made-up 0
            assertFalse(byName(first).containsKey("cpu_percent")))))
        .compose(first -> vertx.fileSystem().writeFile(proc.resolve("stat").toString(), Buffer.buffer(Fixtures.PROC_STAT_B)))
        // a window of an hour: the test times out unless the snapshot remembered by the first run is used
        .compose(written -> source(vertx, new SystemFiles(proc, sys, root), proc, NEVER, NEVER).poll())
        .onComplete(test.succeeding(second -> test.verify(() -> {
          assertEquals(20.0, byName(second).get("cpu_percent").value());
          test.completeNow();
        })));
  }

  @Test
  void staleSnapshotIsNotUsed(Vertx vertx, VertxTestContext test) throws IOException {
    Path proc = Fixtures.writeProc(root, Fixtures.PROC_STAT_A);
    Path sys = Fixtures.writePiSys(root);
    // Measured against this snapshot, B would be 2.9 % busy; it is ten minutes old against a one-minute limit.
    new CpuHistory(vertx, proc).remember(new CpuTimes(0, 0), System.nanoTime() - Duration.ofMinutes(10).toNanos());
    source(vertx, advancingFiles(proc, sys, root), proc, WINDOW, Duration.ofMinutes(1)).poll()
        .onComplete(test.succeeding(readings -> test.verify(() -> {
          assertEquals(20.0, byName(readings).get("cpu_percent").value());
          test.completeNow();
        })));
  }

  @Test
  void noThermalZoneAndNoFirmwareGiveNoSuchReadings(Vertx vertx, VertxTestContext test) throws IOException {
    Path proc = Fixtures.writeProc(root, Fixtures.PROC_STAT_A);
    Path sys = Fixtures.writeBareSys(root);
    source(vertx, advancingFiles(proc, sys, root), proc, WINDOW, NEVER).poll()
        .onComplete(test.succeeding(readings -> test.verify(() -> {
          assertEquals(
              Set.of("cpu_percent", "memory_percent", "memory_available_mb", "load_1m", "load_5m", "load_15m", "uptime",
                  "disk_percent", "disk_free_gb"),
              byName(readings).keySet());
          test.completeNow();
        })));
  }

  @Test
  void unreadableExtrasAreLeftOutAndTheRestIsReported(Vertx vertx, VertxTestContext test) throws IOException {
    Path proc = Fixtures.writeProc(root, Fixtures.PROC_STAT_A);
    Path sys = Fixtures.writePiSys(root);
    Fixtures.write(sys.resolve(SystemFiles.GET_THROTTLED), "not hex\n");
    Path missingDataDir = root.resolve("no-such-data-dir");
    source(vertx, new SystemFiles(proc, sys, missingDataDir), proc, WINDOW, NEVER).poll()
        .onComplete(test.succeeding(readings -> test.verify(() -> {
          Map<String, Reading> byName = byName(readings);
          assertEquals(48.3, byName.get("cpu_temperature").value());
          assertFalse(byName.containsKey("throttled"));
          assertFalse(byName.containsKey("under_voltage"));
          assertFalse(byName.containsKey("disk_percent"));
          assertEquals(33.3, byName.get("memory_percent").value());
          test.completeNow();
        })));
  }

  @Test
  void missingProcFileFailsThePollNamingIt(Vertx vertx, VertxTestContext test) throws IOException {
    Path proc = Fixtures.writeProc(root, Fixtures.PROC_STAT_A);
    Files.delete(proc.resolve("meminfo"));
    source(vertx, new SystemFiles(proc, Fixtures.writePiSys(root), root), proc, WINDOW, NEVER).poll()
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals("cannot read " + proc.resolve("meminfo") + " (NoSuchFileException)", error.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void malformedProcStatFailsThePollNamingItAndTheFault(Vertx vertx, VertxTestContext test) throws IOException {
    Path proc = Fixtures.writeProc(root, "cpu  226870 1016\nctxt 39432151\n");
    source(vertx, new SystemFiles(proc, Fixtures.writePiSys(root), root), proc, WINDOW, NEVER).poll()
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals(proc.resolve("stat") + ": 'cpu' line has 2 columns, expected at least 4", error.getMessage());
          test.completeNow();
        })));
  }

  /** The real files of the machine running the build: checks the reads work on procfs, whose files report size 0. */
  @Test
  @EnabledOnOs(OS.LINUX)
  void readsTheRealProcOfThisMachine(Vertx vertx, VertxTestContext test) {
    Path proc = Path.of("/proc");
    source(vertx, new SystemFiles(proc, Path.of("/sys"), root), proc, WINDOW, NEVER).poll()
        .onComplete(test.succeeding(readings -> test.verify(() -> {
          Map<String, Reading> byName = byName(readings);
          double cpu = (Double) byName.get("cpu_percent").value();
          assertTrue(cpu >= 0 && cpu <= 100, "cpu_percent " + cpu);
          double memory = (Double) byName.get("memory_percent").value();
          assertTrue(memory > 0 && memory < 100, "memory_percent " + memory);
          assertTrue((Long) byName.get("uptime").value() > 0);
          assertTrue(byName.containsKey("load_1m") && byName.containsKey("disk_percent"));
          test.completeNow();
        })));
  }
}

package io.sensepulse.rig.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.rig.recorder.RecorderSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facts as read from fake sysfs trees and real folders. */
class NodeProbeTest {
  @TempDir Path dir;

  private static RecorderSettings settings(JsonObject values) {
    return RecorderSettings.from(values.put("capture", values.getString("capture", "test")), "CAM_L");
  }

  @Test
  void temperatureAndBatteryComeFromTheSysfsTreeOrTheUpsFile() throws Exception {
    Path sys = dir.resolve("sys");
    Files.createDirectories(sys.resolve("class/thermal/thermal_zone0"));
    Files.writeString(sys.resolve("class/thermal/thermal_zone0/temp"), "71250\n");
    Files.createDirectories(sys.resolve("class/power_supply/BAT0"));
    Files.writeString(sys.resolve("class/power_supply/BAT0/capacity"), "9\n");
    Path ups = Files.writeString(dir.resolve("ups-percent"), "64.5%\n");
    Path data = Files.createDirectories(dir.resolve("data"));
    NodeProbe probe = new NodeProbe(sys, data, data.resolve("recordings"));
    assertEquals(71.25, probe.temperatureC());
    assertEquals(9.0, probe.batteryPercent(settings(new JsonObject().put("battery_path", "BAT0"))));
    assertEquals(64.5, probe.batteryPercent(settings(new JsonObject().put("battery_path", ups.toString()))));
    assertNull(probe.batteryPercent(settings(new JsonObject())), "no battery configured");
    assertNull(new NodeProbe(dir.resolve("no-sys"), data, data.resolve("recordings")).temperatureC());

    GuardFacts facts = probe.startFacts(settings(new JsonObject().put("battery_path", "BAT0")), 1.5);
    assertNull(facts.storageProblem());
    assertTrue(facts.freeBytes() > 0);
    assertTrue(Files.isDirectory(data.resolve("recordings")), "made on the way");
    assertEquals(1.5, facts.offsetMs());
    assertEquals(GuardRails.Reason.BATTERY_CRITICAL, GuardRails.evaluate(facts,
        new GuardLimits(1, 1, 80, 15, 10, 50)).refusals().get(0).reason());
  }

  @Test
  void aMissingDataFolderIsMissingStorage() {
    Path data = dir.resolve("unmounted");
    GuardFacts facts = new NodeProbe(dir, data, data.resolve("recordings")).startFacts(settings(new JsonObject()), 0.0);
    assertTrue(facts.storageMissing());
    assertEquals(data + " does not exist (is the disk mounted?)", facts.storageProblem());
  }

  @Test
  void aReadOnlyFolderIsNotWritable() throws Exception {
    Path data = Files.createDirectories(dir.resolve("readonly"));
    Path recordings = data.resolve("recordings");
    Files.createDirectories(recordings);
    recordings.toFile().setWritable(false, false);
    try {
      if (Files.isWritable(recordings)) {
        // root ignores permission bits: /sys takes no new files from anyone
        data = Path.of("/sys");
        recordings = data.resolve("recordings");
      }
      GuardFacts facts = new NodeProbe(dir, data, recordings).startFacts(settings(new JsonObject()), 0.0);
      assertEquals(false, facts.storageMissing());
      assertTrue(facts.storageProblem().startsWith(recordings.toString()), facts.storageProblem());
    } finally {
      dir.resolve("readonly/recordings").toFile().setWritable(true, false);
    }
  }

  @Test
  void aUvcCameraIsThereWhenItsDeviceNodeIs() throws Exception {
    Path device = Files.createFile(dir.resolve("video0"));
    NodeProbe probe = new NodeProbe(dir, dir, dir.resolve("recordings"));
    assertNull(probe.cameraProblem(settings(new JsonObject().put("capture", "v4l2").put("device", device.toString()))));
    assertEquals("no device node " + dir.resolve("video9"), probe.cameraProblem(settings(new JsonObject()
        .put("capture", "v4l2").put("device", dir.resolve("video9").toString()))));
  }
}

package io.sensepulse.rig.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.rig.capture.CaptureKind;
import io.sensepulse.rig.capture.CaptureSpec;
import io.sensepulse.rig.capture.VideoCodec;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderSettingsTest {

  @Test
  void defaultsRecordAPiCameraInH265AtThirtyMbpsInMinuteSegments() {
    RecorderSettings settings = RecorderSettings.from(new JsonObject(), "CAM_L");
    assertEquals(CaptureKind.RPICAM, settings.capture());
    assertEquals(VideoCodec.H265, settings.codec());
    assertEquals("1920x1080", settings.resolution());
    assertEquals(30, settings.fps());
    assertEquals(30.0, settings.bitrateMbps());
    assertEquals(60, settings.segmentSeconds());
    assertNull(settings.audio());
    assertEquals("left", settings.position());
    assertEquals(10, settings.selftestSeconds());
    assertFalse(settings.captureSpec("CAM_L").rpicamSyncServer());
    assertTrue(settings.captureSpec("CAM_C").rpicamSyncServer());
    assertEquals("centre", RecorderSettings.from(new JsonObject(), "CAM_C").position());
  }

  @Test
  void valuesFromTheEnvironmentArriveAsText() {
    JsonObject environment = new JsonObject().put("capture", "test").put("codec", "h264").put("fps", "25")
        .put("bitrate_mbps", "0.5").put("segment_seconds", "2").put("audio", "true").put("battery_path", "BAT0");
    RecorderSettings settings = RecorderSettings.from(environment, "CAM_R");
    assertEquals(CaptureKind.TEST, settings.capture());
    assertEquals(25, settings.fps());
    assertEquals(0.5, settings.bitrateMbps(), "the test source is exempt from the 25-35 Mbps band");
    assertEquals(500, settings.captureSpec("CAM_R").bitrateKbps());
    assertEquals(CaptureSpec.TEST_TONE, settings.audio());
  }

  @Test
  void thePiCameraIsClampedIntoTheBandAndSaysSo() {
    RecorderSettings high = RecorderSettings.from(new JsonObject().put("bitrate_mbps", 50), "CAM_L");
    assertEquals(35.0, high.bitrateMbps());
    assertTrue(high.bitrateNote().contains("clamped to 35"), high.bitrateNote());
    RecorderSettings low = RecorderSettings.from(new JsonObject().put("bitrate_mbps", 8), "CAM_L");
    assertEquals(25.0, low.bitrateMbps());
    RecorderSettings copied = RecorderSettings.from(new JsonObject().put("capture", "v4l2").put("bitrate_mbps", 8), "CAM_L");
    assertEquals(8.0, copied.bitrateMbps(), "a copied stream's bitrate is the camera's; the value only sizes the disk check");
    assertEquals("", copied.bitrateNote());
  }

  @Test
  void everyBadValueIsReportedByItsKey() {
    JsonObject bad = new JsonObject().put("capture", "webcam").put("codec", "vp9").put("resolution", "1920*1080")
        .put("fps", 0).put("bitrate_mbps", "fast").put("segment_seconds", 1.5).put("audio", "hw:1;rm")
        .put("device", "../dev/video0").put("position", "far/left").put("min_free_minutes", -1)
        .put("max_temperature_c", 200).put("battery_path", "../../etc/passwd").put("battery_warn", 10)
        .put("battery_block", 10).put("max_offset_ms", 0).put("selftest_seconds", 600);
    var error = assertThrows(RecorderSettings.InvalidSettings.class, () -> RecorderSettings.from(bad, "CAM_L"));
    Map<String, String> fields = error.fields();
    assertEquals(RecorderSettings.KEYS.stream().filter(key -> !key.equals("rtsp_url") && !key.equals("battery_warn")).sorted().toList(),
        fields.keySet().stream().sorted().toList());
    assertEquals("capture must be one of rpicam, v4l2, rtsp, test, got 'webcam'", fields.get("capture"));
    assertEquals("fps must be between 1 and 120, got 0", fields.get("fps"));
    assertEquals("battery_block must be below battery_warn (10)", fields.get("battery_block"));
  }

  @Test
  void anIpCameraNeedsItsUrl() {
    var error = assertThrows(RecorderSettings.InvalidSettings.class,
        () -> RecorderSettings.from(new JsonObject().put("capture", "rtsp"), "CAM_L"));
    assertEquals("rtsp_url is required when capture is rtsp", error.fields().get("rtsp_url"));
    RecorderSettings camera = RecorderSettings.from(new JsonObject().put("capture", "rtsp")
        .put("rtsp_url", "rtsp://admin:pw@10.0.0.5/live"), "CAM_L");
    assertEquals("rtsp://********@10.0.0.5/live", camera.toPublicJson().getString("rtsp_url"));
  }

  @Test
  void anUpdateMayNotInventKeys() {
    var error = assertThrows(RecorderSettings.InvalidSettings.class, () -> RecorderSettings.validateUpdate(
        new JsonObject(), new JsonObject().put("fps", 500).put("colour", "blue"), "CAM_L"));
    assertEquals(java.util.Set.of("fps", "colour"), error.fields().keySet());
  }
}

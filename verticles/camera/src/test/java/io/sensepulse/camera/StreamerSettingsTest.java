package io.sensepulse.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StreamerSettingsTest {
  private static JsonObject config() {
    return new JsonObject().put("node_id", "hub").put("data_dir", "/srv/pulse")
        .put("camera", new JsonObject().put("id", "door").put("rtsp_url", "rtsp://cam/s"));
  }

  @Test
  void defaultsFollowTheNodeSettings() {
    StreamerSettings settings = StreamerSettings.from(config());
    assertEquals(Path.of("/srv/pulse/hls/door"), settings.outputDir());
    assertEquals(5, settings.maxReconnects());
    assertEquals(10_000, settings.staleAfterMs());
    assertEquals(5_000, settings.statusIntervalMs());
    assertEquals(Path.of("/srv/pulse/run/camera-door.pid"), FfmpegPidFile.path(settings.dataDir(), "door"));
    assertEquals(Path.of("/var/hls/door"), StreamerSettings.from(config().put("hls_dir", "/var/hls")).outputDir());
  }

  @Test
  void reconnectDelaysDoubleUpToTheCap() {
    StreamerSettings settings = StreamerSettings.from(config().put("reconnect_base_ms", 1000).put("reconnect_max_ms", 5000));
    assertEquals(List.of(1000L, 2000L, 4000L, 5000L, 5000L),
        IntStream.rangeClosed(1, 5).mapToObj(settings::reconnectDelayMs).toList());
    assertEquals(5000L, settings.reconnectDelayMs(1000), "no overflow on a long streak");
  }

  @Test
  void badValuesAreRefusedNamingTheKey() {
    assertEquals("the streamer needs 'camera': one camera's {id, name, rtsp_url, transport, onvif}",
        assertThrows(IllegalArgumentException.class, () -> StreamerSettings.from(config().put("camera", "door"))).getMessage());
    assertEquals("max_reconnects must be a whole number, got 'many'",
        assertThrows(IllegalArgumentException.class, () -> StreamerSettings.from(config().put("max_reconnects", "many"))).getMessage());
    assertEquals("stale_after_ms must be between 2000 and 600000, got 10",
        assertThrows(IllegalArgumentException.class, () -> StreamerSettings.from(config().put("stale_after_ms", 10))).getMessage());
    assertEquals("hls_dir (/tmp/%d) must not contain any of % [ ] | : \\ '",
        assertThrows(IllegalArgumentException.class, () -> StreamerSettings.from(config().put("hls_dir", "/tmp/%d"))).getMessage());
  }
}

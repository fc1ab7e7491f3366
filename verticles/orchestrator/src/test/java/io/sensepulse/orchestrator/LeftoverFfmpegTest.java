package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.camera.StreamerSettings;
import io.sensepulse.common.media.HlsDir;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeftoverFfmpegTest {
  private static final Path YARD = Path.of("/data/hls/yard");

  @Test
  void anFfmpegWritingIntoTheCameraFolderIsALeftover() {
    assertTrue(LeftoverFfmpeg.isLeftover("/usr/bin/ffmpeg",
        List.of("-rtsp_transport", "tcp", "-i", "rtsp://cam/s", "-f", "hls", "/data/hls/yard/index.m3u8"), YARD));
  }

  @Test
  void otherProcessesAndOtherCamerasAreNot() {
    List<String> yardOutput = List.of("-f", "hls", "/data/hls/yard/index.m3u8");
    assertFalse(LeftoverFfmpeg.isLeftover("/usr/bin/ffprobe", yardOutput, YARD), "not ffmpeg");
    assertFalse(LeftoverFfmpeg.isLeftover(null, yardOutput, YARD), "no command known");
    assertFalse(LeftoverFfmpeg.isLeftover("/usr/bin/ffmpeg", List.of("-f", "hls", "/data/hls/yard2/index.m3u8"), YARD),
        "a camera whose id starts the same");
    assertFalse(LeftoverFfmpeg.isLeftover("/usr/bin/ffmpeg", List.of("-f", "hls", "/data/hls/yard"), YARD),
        "the folder itself is not a file inside it");
    assertFalse(LeftoverFfmpeg.isLeftover("/usr/bin/ffmpeg", List.of("-f", "tee", "[f=hls]/old/data/hls/yard/index.m3u8"), YARD),
        "the same path under another folder");
  }

  /**
   * The streamer's real command line, against the folder the orchestrator derives from the same node
   * config: they agree for an absolute, a relative (under data_dir) and a default hls_dir, with a
   * relative data_dir too.
   */
  @Test
  void theStreamersOwnCommandLineIsFoundForEveryWayOfSettingHlsDir() {
    for (JsonObject node : List.of(
        new JsonObject().put("data_dir", "/srv/pulse"),
        new JsonObject().put("data_dir", "/srv/pulse").put(HlsDir.KEY, "video/../hls-tmp"),
        new JsonObject().put("data_dir", "relative-data").put(HlsDir.KEY, "/run/pulse/hls/"),
        new JsonObject().put("data_dir", "relative-data"))) {
      JsonObject config = node.copy().put("node_id", "hub")
          .put("camera", new JsonObject().put("id", "yard").put("rtsp_url", "rtsp://u:p@10.0.0.5/s"));
      StreamerSettings settings = StreamerSettings.from(config);
      List<String> arguments = settings.command().arguments(
          settings.command().input("rtsp://u:p@10.0.0.5/s", "tcp"), settings.outputDir());
      Path cameraDir = HlsDir.of(node.copy().put("node_id", "hub")).resolve("yard");
      assertTrue(LeftoverFfmpeg.isLeftover("/usr/bin/ffmpeg", arguments.subList(1, arguments.size()), cameraDir), node.encode());
      assertFalse(LeftoverFfmpeg.isLeftover("/usr/bin/ffmpeg", arguments.subList(1, arguments.size()),
          HlsDir.of(node.copy().put("node_id", "hub")).resolve("yar")), "another camera: " + node.encode());
    }
  }
}

package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  }
}

package io.sensepulse.rig.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** H.265 when it can be had, H.264 otherwise, always saying why; on real {@code ffmpeg -encoders} output. */
class CodecChoiceTest {

  @Test
  void theEncoderListOfARealFfmpegIsRead() throws IOException {
    Set<String> encoders = EncoderList.parse(ProgressParserTest.resource("ffmpeg-encoders.txt"));
    assertTrue(encoders.containsAll(Set.of("libx264", "libx265", "aac", "mjpeg")), encoders.toString());
    assertTrue(encoders.size() > 100);
    assertTrue(!encoders.contains("=") && !encoders.contains("Video"), "the legend is not an encoder");
  }

  @Test
  void theTestSourceFallsBackToH264WhenFfmpegLacksLibx265() throws IOException {
    String real = ProgressParserTest.resource("ffmpeg-encoders.txt");
    String withoutX265 = real.lines().filter(line -> !line.contains("libx265")).collect(Collectors.joining("\n"));
    CodecChoice withX265 = CodecChoice.choose(VideoCodec.H265, CaptureKind.TEST, EncoderList.parse(real), Set.of());
    assertEquals(new CodecChoice(VideoCodec.H265, ""), withX265);
    CodecChoice without = CodecChoice.choose(VideoCodec.H265, CaptureKind.TEST, EncoderList.parse(withoutX265), Set.of());
    assertEquals(VideoCodec.H264, without.codec());
    assertEquals("ffmpeg has no libx265 encoder", without.note());
  }

  @Test
  void eachSourceAnswersTheQuestionItsOwnWay() {
    record Row(VideoCodec requested, CaptureKind kind, Set<String> cameraFormats, VideoCodec expected, String note) {}
    Set<String> none = Set.of();
    for (Row row : List.of(
        new Row(VideoCodec.H264, CaptureKind.TEST, none, VideoCodec.H264, ""),
        new Row(VideoCodec.H265, CaptureKind.RPICAM, none, VideoCodec.H264, "rpicam-vid encodes H.264 only"),
        new Row(VideoCodec.H265, CaptureKind.V4L2, Set.of("h264", "hevc", "mjpeg"), VideoCodec.H265, ""),
        new Row(VideoCodec.H265, CaptureKind.V4L2, Set.of("h264", "mjpeg"), VideoCodec.H264, "the camera offers no HEVC stream"),
        new Row(VideoCodec.H264, CaptureKind.V4L2, Set.of("hevc"), VideoCodec.H264, ""),
        new Row(VideoCodec.H265, CaptureKind.RTSP, none, VideoCodec.H265, ""))) {
      CodecChoice choice = CodecChoice.choose(row.requested(), row.kind(), Set.of("libx264"), row.cameraFormats());
      assertEquals(new CodecChoice(row.expected(), row.note()), choice, row.toString());
    }
    assertEquals(VideoCodec.H264, CodecChoice.afterH265Failed("exit 1").codec());
    assertTrue(CodecChoice.afterH265Failed("exit 1").note().contains("exit 1"));
  }

  @Test
  void cameraListingsAreRead() {
    // the shape rpicam-hello and ffmpeg's v4l2 device print; no camera is attached to the build machine
    String rpicam = """
        Available cameras
        -----------------
        0 : imx708 [4608x2592 10-bit RGGB] (/base/axi/pcie@120000/rp1/i2c@88000/imx708@1a)
            Modes: 'SRGGB10_CSI2P' : 1536x864 [120.13 fps - (768, 432)/3072x1728 crop]
                                     2304x1296 [56.03 fps - (0, 0)/4608x2592 crop]
        1 : imx477 [4056x3040 12-bit RGGB] (/base/axi/pcie@120000/rp1/i2c@80000/imx477@1a)
        """;
    assertEquals(List.of("imx708", "imx477"), RpicamCameras.parse(rpicam));
    assertEquals(List.of(), RpicamCameras.parse("No cameras available!\n"));
    String v4l2 = """
        [video4linux2,v4l2 @ 0x55f1c0] Compressed:       mjpeg :          Motion-JPEG : 1920x1080 1280x720
        [video4linux2,v4l2 @ 0x55f1c0] Compressed:        h264 :                H.264 : 1920x1080 1280x720
        [video4linux2,v4l2 @ 0x55f1c0] Compressed:        hevc :                 HEVC : 3840x2160
        /dev/video0: Immediate exit requested
        """;
    assertEquals(Set.of("mjpeg", "h264", "hevc"), V4l2Formats.parse(v4l2));
  }
}

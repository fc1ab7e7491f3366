package io.sensepulse.rig.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureCommandsTest {
  private static final List<String> FRAGMENTED_MP4_TO_STDOUT = List.of("-f", "mp4", "-movflags",
      "frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "1000000", "pipe:1");

  private static CaptureSpec spec(CaptureKind kind, String audio) {
    return new CaptureSpec(kind, 1920, 1080, 30, 30_000, audio, "/dev/video2", "rtsp://admin:hunter2@10.0.0.5/live", true);
  }

  private static void assertSequence(List<String> command, String... expected) {
    assertTrue(Collections.indexOfSubList(command, List.of(expected)) >= 0,
        String.join(" ", expected) + " not in " + command);
  }

  private static List<String> tail(List<String> command) {
    return command.subList(command.size() - FRAGMENTED_MP4_TO_STDOUT.size(), command.size());
  }

  @Test
  void rpicamPipesH264FromTheCameraIntoFfmpegWhichCopiesIt() {
    CaptureCommands.Pipeline pipeline = CaptureCommands.build(spec(CaptureKind.RPICAM, null), VideoCodec.H264);
    assertEquals(2, pipeline.stages().size());
    List<String> camera = pipeline.stages().get(0);
    assertEquals("rpicam-vid", camera.get(0));
    assertSequence(camera, "--codec", "h264", "--inline");
    assertSequence(camera, "--width", "1920", "--height", "1080", "--framerate", "30", "--bitrate", "30000000", "--intra", "30");
    assertSequence(camera, "--sync", "server", "-o", "-");
    List<String> ffmpeg = pipeline.stages().get(1);
    assertSequence(ffmpeg, "-progress", "pipe:2");
    assertSequence(ffmpeg, "-f", "h264", "-framerate", "30", "-i", "pipe:0");
    assertSequence(ffmpeg, "-c:v", "copy");
    assertEquals(FRAGMENTED_MP4_TO_STDOUT, tail(ffmpeg));
    assertEquals("rpicam-vid h264", pipeline.encoder());
  }

  @Test
  void theOtherRpicamNodesFollowTheServer() {
    CaptureSpec client = new CaptureSpec(CaptureKind.RPICAM, 1280, 720, 25, 25_000, "hw:1,0", null, null, false);
    CaptureCommands.Pipeline pipeline = CaptureCommands.build(client, VideoCodec.H264);
    assertSequence(pipeline.stages().get(0), "--sync", "client");
    assertSequence(pipeline.stages().get(1), "-f", "alsa", "-thread_queue_size", "1024", "-i", "hw:1,0");
    assertSequence(pipeline.stages().get(1), "-map", "0:v:0", "-map", "1:a:0");
    assertSequence(pipeline.stages().get(1), "-c:a", "aac");
  }

  @Test
  void aUvcCameraDeliversTheChosenCodecWhichIsCopied() {
    for (VideoCodec codec : VideoCodec.values()) {
      List<String> ffmpeg = CaptureCommands.build(spec(CaptureKind.V4L2, null), codec).stages().get(0);
      assertSequence(ffmpeg, "-f", "v4l2", "-input_format", codec == VideoCodec.H265 ? "hevc" : "h264",
          "-video_size", "1920x1080", "-framerate", "30", "-i", "/dev/video2");
      assertSequence(ffmpeg, "-c:v", "copy");
      assertFalse(ffmpeg.contains("-c:a"), "no audio asked for");
      assertEquals(FRAGMENTED_MP4_TO_STDOUT, tail(ffmpeg));
    }
  }

  @Test
  void anIpCameraIsCopiedOverTcpAndItsPasswordStaysOffTheCommandLineAndOutOfTheDescription() {
    CaptureCommands.Pipeline pipeline = CaptureCommands.build(spec(CaptureKind.RTSP, "camera"), VideoCodec.H265);
    List<String> ffmpeg = pipeline.stages().get(0);
    assertSequence(ffmpeg, "-f", "concat", "-safe", "0");
    assertSequence(ffmpeg, "-i", "pipe:0");
    assertFalse(String.join(" ", ffmpeg).contains("hunter2"), "any local user can read ffmpeg's arguments: " + ffmpeg);
    assertEquals("ffconcat version 1.0\nfile 'rtsp://admin:hunter2@10.0.0.5/live'\noption rtsp_transport 'tcp'\n",
        pipeline.firstStdin(), "the URL reaches ffmpeg on its stdin");
    assertSequence(ffmpeg, "-map", "0:v:0", "-map", "0:a:0?");
    assertFalse(pipeline.describe().contains("hunter2"), pipeline.describe());
    assertTrue(pipeline.describe().contains("rtsp://********@10.0.0.5/live"), pipeline.describe());
  }

  @Test
  void theTestSourceIsAGeneratorWhoseFramesTheRecorderClocksIntoTheEncoder() {
    CaptureSpec test = new CaptureSpec(CaptureKind.TEST, 320, 180, 15, 400, CaptureSpec.TEST_TONE, null, null, false);
    CaptureCommands.Pipeline pipeline = CaptureCommands.build(test, VideoCodec.H265);
    assertTrue(pipeline.frameClocked());
    List<String> generator = pipeline.stages().get(0);
    assertSequence(generator, "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15");
    assertEquals(List.of("-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", "pipe:1"), generator.subList(generator.size() - 5, generator.size()));
    assertFalse(generator.contains("-re"), "the frame clock paces the pattern, not ffmpeg");
    List<String> h265 = pipeline.stages().get(1);
    assertSequence(h265, "-f", "yuv4mpegpipe", "-i", "pipe:0");
    assertSequence(h265, "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000", "-shortest");
    assertFalse(h265.contains("-re"));
    assertFalse(h265.contains("-nostdin"), "the encoder reads its frames on stdin");
    assertSequence(h265, "-c:v", "libx265", "-preset", "ultrafast");
    assertSequence(h265, "-g", "15", "-keyint_min", "15", "-b:v", "400k", "-maxrate", "400k", "-bufsize", "800k");
    assertSequence(h265, "-tag:v", "hvc1");
    assertEquals("libx265", pipeline.encoder());
    List<String> h264 = CaptureCommands.build(test, VideoCodec.H264).stages().get(1);
    assertSequence(h264, "-c:v", "libx264");
    assertFalse(h264.contains("-x265-params"));
    assertEquals(FRAGMENTED_MP4_TO_STDOUT, tail(h264));
  }

  @Test
  void cameraSourcesAreNotFrameClocked() {
    for (CaptureKind kind : List.of(CaptureKind.RPICAM, CaptureKind.V4L2, CaptureKind.RTSP)) {
      assertFalse(CaptureCommands.build(spec(kind, null), VideoCodec.H264).frameClocked(), kind.toString());
    }
  }
}

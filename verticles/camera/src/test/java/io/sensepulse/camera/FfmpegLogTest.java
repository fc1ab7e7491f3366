package io.sensepulse.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** On stderr captured from ffmpeg 5.1 run with {@link FfmpegCommand}'s arguments against GStreamer's RTSP server. */
class FfmpegLogTest {
  private static final CameraConfig.Camera CAMERA = CameraConfig.camera(new JsonObject().put("id", "door")
      .put("rtsp_url", "rtsp://admin:s3cret@127.0.0.1:18554/cam"));

  private static FfmpegLog read(String recording) throws IOException {
    FfmpegLog log = new FfmpegLog(CAMERA::redact);
    try (InputStream in = FfmpegLogTest.class.getResourceAsStream("/ffmpeg/" + recording)) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(log::accept);
    }
    return log;
  }

  @Test
  void anH264StreamGivesCodecResolutionFrameRateAndFrames() throws IOException {
    FfmpegLog log = read("h264-streaming.txt");
    assertEquals(new FfmpegLog.StreamInfo("h264", 320, 240, 15.0, "pcm_mulaw"), log.streamInfo());
    assertEquals("320x240", log.streamInfo().resolution());
    assertTrue(log.frames() > 0, "progress lines count frames");
    assertNull(log.warning());
  }

  @Test
  void h265IsReportedWithAWarningThatBrowsersMayNotPlayIt() throws IOException {
    FfmpegLog log = read("h265-streaming.txt");
    assertEquals("hevc", log.streamInfo().videoCodec());
    assertEquals("the camera sends H.265 (hevc) video, which most browsers cannot play; set the camera to H.264", log.warning());
  }

  @Test
  void theReasonAnRunEndedInPlainWords() throws IOException {
    assertEquals("the camera sends no video stream", read("audio-only.txt").exitReason(1));
    assertNull(read("audio-only.txt").streamInfo());
    assertEquals("the camera refused the connection (is the RTSP port right?)", read("connection-refused.txt").exitReason(1));
    assertEquals("the camera has no stream at this path (404 Not Found)", read("not-found.txt").exitReason(1));
    assertEquals("the camera ended the stream", read("server-killed.txt").exitReason(0));
    assertEquals("no RTSP answer from the camera (a silent host, or not an RTSP server)", read("silent-host.txt").exitReason(1));
  }

  @Test
  void anUnknownEndQuotesFfmpegsLastLineWithTheCredentialsRedacted() {
    FfmpegLog log = new FfmpegLog(CAMERA::redact);
    log.accept("frame=12");
    log.accept("rtsp://admin:s3cret@127.0.0.1:18554/cam: Operation not permitted");
    log.accept("progress=end");
    String reason = log.exitReason(1);
    assertEquals("ffmpeg exited with code 1: rtsp://********@127.0.0.1:18554/cam: Operation not permitted", reason);
    assertEquals(12, log.frames());
  }

  @Test
  void aRecordedLogNeverLeaksTheRecordedPassword() throws IOException {
    FfmpegLog log = read("h264-streaming.txt");
    assertFalse(log.exitReason(255).contains("s3cret"), log.exitReason(255));
  }
}

package io.sensepulse.rig.capture;

import java.util.Set;

/**
 * The codec a recording will use: H.265 when asked for and available, else H.264, with the reason.
 *
 * @param note why the requested codec was not used, or empty
 */
public record CodecChoice(VideoCodec codec, String note) {

  /**
   * @param encoders ffmpeg's encoder names ({@link EncoderList#parse}); used by the test source
   * @param cameraFormats the v4l2 camera's compressed formats ({@link V4l2Formats#parse}); used by v4l2
   */
  public static CodecChoice choose(VideoCodec requested, CaptureKind kind, Set<String> encoders, Set<String> cameraFormats) {
    if (requested == VideoCodec.H264) {
      return new CodecChoice(VideoCodec.H264, "");
    }
    return switch (kind) {
      case RPICAM -> new CodecChoice(VideoCodec.H264, "rpicam-vid encodes H.264 only");
      case TEST -> encoders.contains(VideoCodec.H265.encoder())
          ? new CodecChoice(VideoCodec.H265, "")
          : new CodecChoice(VideoCodec.H264, "ffmpeg has no libx265 encoder");
      case V4L2 -> cameraFormats.contains(VideoCodec.H265.v4l2Format())
          ? new CodecChoice(VideoCodec.H265, "")
          : new CodecChoice(VideoCodec.H264, "the camera offers no HEVC stream");
      // An IP camera sends what it is set up to send; the recording reports what arrived.
      case RTSP -> new CodecChoice(VideoCodec.H265, "");
    };
  }

  /** The same choice after H.265 failed to start: H.264, saying why. */
  public static CodecChoice afterH265Failed(String reason) {
    return new CodecChoice(VideoCodec.H264, "H.265 failed (" + reason + "); fell back to H.264");
  }
}

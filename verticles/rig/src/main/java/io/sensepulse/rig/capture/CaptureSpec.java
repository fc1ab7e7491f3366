package io.sensepulse.rig.capture;

/**
 * What to capture and how, independent of where the settings came from.
 *
 * @param bitrateKbps the target bitrate where this node encodes (rpicam, test); ignored when copying
 * @param audio null for none; {@link #TEST_TONE} for the test source's sine; otherwise an ALSA
 *     device name (or, for rtsp, anything non-null: the camera's own audio track)
 * @param device the v4l2 device node
 * @param rpicamSyncServer rpicam-vid runs with {@code --sync server} (CAM_C) rather than {@code client}
 */
public record CaptureSpec(CaptureKind kind, int width, int height, int fps, int bitrateKbps, String audio,
    String device, String rtspUrl, boolean rpicamSyncServer) {

  public static final String TEST_TONE = "test-tone";
}

package io.sensepulse.rig.capture;

import java.util.Locale;

/** Where a recorder's video comes from (config {@code capture}). */
public enum CaptureKind {
  /** A Pi camera: rpicam-vid encodes H.264 in software on the Pi 5 and pipes it to ffmpeg, which copies it. */
  RPICAM,
  /** A UVC camera that encodes H.264 or H.265 itself; ffmpeg copies its stream. */
  V4L2,
  /** An IP camera; ffmpeg copies its stream. */
  RTSP,
  /** ffmpeg's lavfi test pattern (and a sine tone), encoded with libx265/libx264 ultrafast: demos and tests. */
  TEST;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CaptureKind parse(String name) {
    for (CaptureKind kind : values()) {
      if (kind.configName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("must be one of rpicam, v4l2, rtsp, test, got '" + name + "'");
  }
}

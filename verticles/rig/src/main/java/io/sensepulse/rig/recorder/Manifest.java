package io.sensepulse.rig.recorder;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code {SESSION}_{CAM}.json} says about one recording on this node. Rewritten at every
 * segment boundary, so a node that dies leaves a manifest listing what it wrote ({@code complete:
 * false}); the segment being written then appears with {@code in_progress: true} and no hash.
 * Owned by the recorder's event loop.
 */
final class Manifest {
  final String session;
  final String camera;
  final String position;
  final String softwareVersion;
  final RecorderSettings settings;
  /** The start instant on CAM_C's clock, or null for a start "now". */
  final Double startMasterMillis;
  final double startLocalMillis;
  final Double clockOffsetMs;
  final Double clockConfidenceMs;
  final String clockSource;
  String codec;
  String codecNote;
  String encoder;
  double launchedLocalMillis = Double.NaN;
  /**
   * The test source: its first frame's slot. A camera pipeline: when its first fragment arrived less
   * the video in it, late by the pipeline's latency (rpicam-vid only records from its cameras' common
   * synchronisation point, about 100 frames after it starts).
   */
  double firstFrameLocalMillis = Double.NaN;
  /** How long after its time the first frame reached the encoder: NaN for a camera pipeline, which has no earlier time. */
  double firstFrameHandoverMillis = Double.NaN;
  double firstFragmentLocalMillis = Double.NaN;
  Mp4Inspector.VideoTrack video;
  long droppedFrames;
  double measuredKbps = -1;
  final List<SegmentWriter.Segment> segments = new ArrayList<>();
  JsonObject openSegment;
  String lockView;
  boolean complete;
  String endedReason;

  Manifest(String session, String camera, String position, String softwareVersion, RecorderSettings settings,
      Double startMasterMillis, double startLocalMillis, Double clockOffsetMs, Double clockConfidenceMs, String clockSource) {
    this.session = session;
    this.camera = camera;
    this.position = position;
    this.softwareVersion = softwareVersion;
    this.settings = settings;
    this.startMasterMillis = startMasterMillis;
    this.startLocalMillis = startLocalMillis;
    this.clockOffsetMs = clockOffsetMs;
    this.clockConfidenceMs = clockConfidenceMs;
    this.clockSource = clockSource;
  }

  double durationSeconds() {
    return segments.stream().mapToDouble(SegmentWriter.Segment::durationSeconds).sum();
  }

  String resolution() {
    return video != null ? video.width() + "x" + video.height() : settings.resolution();
  }

  JsonObject toJson() {
    JsonArray files = new JsonArray();
    for (SegmentWriter.Segment segment : segments) {
      files.add(new JsonObject().put("file", segment.file()).put("sha256", segment.sha256())
          .put("bytes", segment.bytes()).put("start", round(segment.startSeconds()))
          .put("duration", round(segment.durationSeconds())));
    }
    if (openSegment != null) {
      files.add(openSegment.copy());
    }
    return new JsonObject()
        .put("session", session)
        .put("camera", camera)
        .put("position", position)
        .put("start_master_ms", startMasterMillis)
        .put("start_local_ms", startLocalMillis)
        .put("launched_local_ms", number(launchedLocalMillis))
        .put("first_frame_local_ms", number(firstFrameLocalMillis))
        .put("first_frame_handover_ms", number(firstFrameHandoverMillis))
        .put("first_fragment_local_ms", number(firstFragmentLocalMillis))
        .put("clock_offset_ms", clockOffsetMs)
        .put("clock_confidence_ms", clockConfidenceMs)
        .put("clock_source", clockSource)
        .put("duration", round(durationSeconds()))
        .put("resolution", resolution())
        .put("fps", settings.fps())
        .put("codec", video != null ? video.codecName() : codec)
        .put("codec_note", codecNote)
        .put("encoder", encoder)
        .put("capture", settings.capture().configName())
        .put("bitrate_mbps", settings.bitrateMbps())
        .put("measured_bitrate_mbps", measuredKbps < 0 ? null : round(measuredKbps / 1000))
        .put("audio", settings.audio() != null)
        .put("dropped_frames", droppedFrames)
        .put("segment_seconds", settings.segmentSeconds())
        .put("segments", files)
        .put("lock_view", lockView)
        .put("software_version", softwareVersion)
        .put("offloaded", false)
        .put("complete", complete)
        .put("ended_reason", endedReason);
  }

  private static Double number(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}

package io.sensepulse.rig.capture;

import io.sensepulse.common.Secrets;
import io.sensepulse.common.media.RtspInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The argument lists of a capture pipeline: optionally rpicam-vid, then ffmpeg writing fragmented
 * MP4 to its stdout and its progress to stderr. Keyframes and fragments come about every second,
 * so a file cut at any fragment plays and a power cut loses about two seconds at most.
 */
public final class CaptureCommands {
  private CaptureCommands() {}

  public static final String FFMPEG = "ffmpeg";
  public static final String RPICAM_VID = "rpicam-vid";
  /** Fragments of at most a second, each starting a new fragment at a keyframe, no index at the end. */
  public static final String MOVFLAGS = "frag_keyframe+empty_moov+default_base_moof";
  public static final String FRAGMENT_MICROS = "1000000";

  /**
   * The processes to run; the last writes the MP4.
   *
   * @param frameClocked the first stage writes y4m that the recorder passes to the second on its own
   *     clock (the test source); otherwise each stage's stdout is piped straight into the next's stdin
   * @param firstStdin written to the first stage's stdin, which is then closed (an IP camera's URL,
   *     see {@link RtspInput}); null: the first stage's stdin is empty
   */
  public record Pipeline(List<List<String>> stages, String encoder, boolean frameClocked, String firstStdin) {
    public Pipeline {
      if (frameClocked && stages.size() != 2) {
        throw new IllegalArgumentException("a frame-clocked pipeline is a generator and an encoder");
      }
    }

    /** For logs and status: the stages as text, with credentials in URLs hidden. */
    public String describe() {
      List<String> parts = new ArrayList<>();
      stages.forEach(stage -> parts.add(Secrets.redactUrl(String.join(" ", stage))));
      String described = String.join(" | ", parts);
      return firstStdin == null ? described
          : described + " <<< " + Secrets.redactUrl(firstStdin.strip().replace('\n', ' '));
    }
  }

  public static Pipeline build(CaptureSpec spec, VideoCodec codec) {
    List<String> ffmpeg = new ArrayList<>(List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-nostats",
        "-progress", "pipe:2"));
    String size = spec.width() + "x" + spec.height();
    String fps = Integer.toString(spec.fps());
    boolean audio = spec.audio() != null;
    List<List<String>> stages = new ArrayList<>();
    String encoder = "copy";
    RtspInput rtsp = null;
    switch (spec.kind()) {
      case RPICAM -> {
        stages.add(List.of(RPICAM_VID, "-t", "0", "-n", "--codec", "h264", "--inline",
            "--width", Integer.toString(spec.width()), "--height", Integer.toString(spec.height()),
            "--framerate", fps, "--bitrate", Integer.toString(spec.bitrateKbps() * 1000), "--intra", fps,
            "--sync", spec.rpicamSyncServer() ? "server" : "client", "-o", "-"));
        // raw H.264 carries no timestamps: ffmpeg numbers the frames at the camera's rate
        ffmpeg.addAll(List.of("-fflags", "+genpts", "-f", "h264", "-framerate", fps, "-i", "pipe:0"));
        alsaInput(ffmpeg, spec);
      }
      case V4L2 -> {
        ffmpeg.addAll(List.of("-nostdin", "-f", "v4l2", "-input_format", codec.v4l2Format(), "-video_size", size,
            "-framerate", fps, "-i", spec.device()));
        alsaInput(ffmpeg, spec);
      }
      case RTSP -> {
        rtsp = RtspInput.of(spec.rtspUrl(), Map.of("rtsp_transport", "tcp"));
        ffmpeg.add("-nostdin");
        ffmpeg.addAll(rtsp.arguments());
      }
      case TEST -> {
        // the pattern as fast as the pipe takes it: the recorder's frame clock paces it (y4m carries the rate)
        stages.add(List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-nostdin",
            "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + fps, "-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", "pipe:1"));
        ffmpeg.addAll(List.of("-f", "yuv4mpegpipe", "-i", "pipe:0"));
        if (audio) {
          // not paced: ffmpeg draws the tone only as the video advances, from the same zero; -shortest ends it with the video
          ffmpeg.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000", "-shortest"));
        }
        encoder = codec.encoder();
      }
      default -> throw new IllegalStateException("unknown capture " + spec.kind());
    }
    ffmpeg.addAll(List.of("-map", "0:v:0"));
    if (audio) {
      // rtsp: the camera's own audio track when it has one ('?': none is fine)
      ffmpeg.addAll(List.of("-map", spec.kind() == CaptureKind.RTSP ? "0:a:0?" : "1:a:0"));
    }
    if (encoder.equals("copy")) {
      ffmpeg.addAll(List.of("-c:v", "copy"));
    } else {
      String rate = spec.bitrateKbps() + "k";
      ffmpeg.addAll(List.of("-c:v", encoder, "-preset", "ultrafast", "-pix_fmt", "yuv420p",
          "-g", fps, "-keyint_min", fps, "-b:v", rate, "-maxrate", rate, "-bufsize", (2 * spec.bitrateKbps()) + "k"));
      if (codec == VideoCodec.H265) {
        // hvc1: the sample entry Apple players need; x265 logs a banner unless told otherwise
        ffmpeg.addAll(List.of("-tag:v", "hvc1", "-x265-params", "log-level=error:scenecut=0"));
      } else {
        ffmpeg.addAll(List.of("-sc_threshold", "0"));
      }
    }
    if (audio) {
      ffmpeg.addAll(List.of("-c:a", "aac", "-b:a", "128k"));
    }
    ffmpeg.addAll(List.of("-f", "mp4", "-movflags", MOVFLAGS, "-frag_duration", FRAGMENT_MICROS, "pipe:1"));
    stages.add(List.copyOf(ffmpeg));
    return new Pipeline(List.copyOf(stages), spec.kind() == CaptureKind.RPICAM ? "rpicam-vid h264" : encoder,
        spec.kind() == CaptureKind.TEST, rtsp == null ? null : rtsp.script());
  }

  private static void alsaInput(List<String> ffmpeg, CaptureSpec spec) {
    if (spec.audio() != null) {
      ffmpeg.addAll(List.of("-f", "alsa", "-thread_queue_size", "1024", "-i", spec.audio()));
    }
  }

  /** Lists the camera's compressed formats ({@link V4l2Formats#parse} reads the output). */
  public static List<String> v4l2ListFormats(String device) {
    return List.of(FFMPEG, "-hide_banner", "-nostdin", "-f", "v4l2", "-list_formats", "compressed", "-i", device);
  }

  public static List<String> ffmpegVersion() {
    return List.of(FFMPEG, "-hide_banner", "-nostdin", "-version");
  }

  public static List<String> ffmpegEncoders() {
    return List.of(FFMPEG, "-hide_banner", "-nostdin", "-encoders");
  }

  public static List<String> rpicamListCameras() {
    return List.of("rpicam-hello", "--list-cameras");
  }
}

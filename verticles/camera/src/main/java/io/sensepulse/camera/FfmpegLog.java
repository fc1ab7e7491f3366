package io.sensepulse.camera;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one ffmpeg run's stderr, line by line: the input's video and audio streams (codec,
 * resolution, frame rate) from its {@code Stream #0:0: Video: h264 ..., 1280x720 ..., 25 fps}
 * lines, the frame count from {@code -progress} key=value lines, and why it ended. Every line it
 * keeps goes through a redactor first, since ffmpeg echoes the camera URL with its credentials.
 * Pure; not thread safe.
 */
public final class FfmpegLog {
  /** What the camera sends, as ffmpeg reported it; fps is null when ffmpeg could not tell. */
  public record StreamInfo(String videoCodec, int width, int height, Double fps, String audioCodec) {
    public String resolution() {
      return width + "x" + height;
    }

    /** Browsers play H.264 (and often not H.265) through HLS and MSE. */
    public boolean browserPlayable() {
      return videoCodec.equals("h264");
    }
  }

  private static final Pattern STREAM = Pattern.compile("^\\s*Stream #0:\\d+\\S*: (Video|Audio): ([A-Za-z0-9_]+)(.*)$");
  private static final Pattern RESOLUTION = Pattern.compile(", (\\d{2,5})x(\\d{2,5})[ ,\\[]");
  private static final Pattern FPS = Pattern.compile(", (\\d+(?:\\.\\d+)?)(k?) fps");
  private static final Pattern TBR = Pattern.compile(", (\\d+(?:\\.\\d+)?)(k?) tbr");
  private static final Pattern PROGRESS = Pattern.compile("^([a-z0-9_]+)=(\\S*)$");
  /** The last lines worth quoting when ffmpeg ends; the reason is nearly always among them. */
  private static final int KEPT_LINES = 6;

  private final UnaryOperator<String> redactor;
  private final Deque<String> lastLines = new ArrayDeque<>(KEPT_LINES);
  private boolean inInput;
  private String videoCodec;
  private int width;
  private int height;
  private Double fps;
  private String audioCodec;
  private long frames;

  public FfmpegLog(UnaryOperator<String> redactor) {
    this.redactor = redactor;
  }

  public void accept(String line) {
    Matcher progress = PROGRESS.matcher(line);
    if (progress.matches()) {
      if (progress.group(1).equals("frame")) {
        try {
          frames = Long.parseLong(progress.group(2));
        } catch (NumberFormatException e) {
          // "frame=N/A" before the first frame
        }
      }
      return;
    }
    if (line.startsWith("Input #0")) {
      inInput = true;
    } else if (line.startsWith("Output #") || line.startsWith("Stream mapping:")) {
      inInput = false;
    } else if (inInput) {
      stream(line);
    }
    if (!line.isBlank() && !isNoise(line)) {
      if (lastLines.size() == KEPT_LINES) {
        lastLines.removeFirst();
      }
      lastLines.addLast(redactor.apply(line.strip()));
    }
  }

  private void stream(String line) {
    Matcher stream = STREAM.matcher(line);
    if (!stream.matches()) {
      return;
    }
    String rest = stream.group(3);
    if (stream.group(1).equals("Video") && videoCodec == null) {
      videoCodec = stream.group(2);
      Matcher resolution = RESOLUTION.matcher(rest);
      if (resolution.find()) {
        width = Integer.parseInt(resolution.group(1));
        height = Integer.parseInt(resolution.group(2));
      }
      Matcher rate = FPS.matcher(rest);
      if (!rate.find()) {
        rate = TBR.matcher(rest);
        rate = rate.find() ? rate : null;
      }
      if (rate != null) {
        fps = Double.parseDouble(rate.group(1)) * (rate.group(2).isEmpty() ? 1 : 1000);
      }
    } else if (stream.group(1).equals("Audio") && audioCodec == null) {
      audioCodec = stream.group(2);
    }
  }

  /** Lines that never explain anything: ffmpeg's per-segment chatter and its closing summary. */
  private static boolean isNoise(String line) {
    return line.contains("' for writing") || line.startsWith("ffmpeg stats and -progress")
        || line.startsWith("frame=") || line.startsWith("video:") || line.contains("Qavg:")
        || line.startsWith(" ") && !line.strip().startsWith("Stream #");
  }

  /** The input's streams once ffmpeg has described them, else null. */
  public StreamInfo streamInfo() {
    if (videoCodec == null) {
      return null;
    }
    return new StreamInfo(videoCodec, width, height, fps, audioCodec);
  }

  /** Frames written so far, from the progress lines. */
  public long frames() {
    return frames;
  }

  /** A warning for a stream that runs but may not play, else null. */
  public String warning() {
    StreamInfo info = streamInfo();
    if (info == null || info.browserPlayable()) {
      return null;
    }
    String codec = info.videoCodec().equals("hevc") ? "H.265 (hevc)" : info.videoCodec();
    return "the camera sends " + codec + " video, which most browsers cannot play; set the camera to H.264";
  }

  /** Why this run ended, for the user: a known cause in plain words, else ffmpeg's own last line. */
  public String exitReason(int exitCode) {
    String all = String.join("\n", lastLines);
    String lower = all.toLowerCase(Locale.ROOT);
    if (lower.contains("'0:v:0' matches no streams")) {
      return "the camera sends no video stream";
    }
    if (lower.contains("401 unauthorized")) {
      return "the camera refused the user name or password (401 Unauthorized)";
    }
    if (lower.contains("404 not found")) {
      return "the camera has no stream at this path (404 Not Found)";
    }
    if (lower.contains("connection refused")) {
      return "the camera refused the connection (is the RTSP port right?)";
    }
    if (lower.contains("timed out")) {
      return "the camera did not answer in time";
    }
    if (lower.contains("failed to resolve hostname") || lower.contains("name or service not known")) {
      return "the camera's host name does not resolve";
    }
    if (lower.contains("no route to host") || lower.contains("network is unreachable")) {
      return "the camera's host is unreachable";
    }
    if (lower.contains("invalid data found when processing input") && videoCodec == null) {
      // What ffmpeg says when the socket stays silent past -timeout, or the peer speaks something else.
      return "no RTSP answer from the camera (a silent host, or not an RTSP server)";
    }
    if (exitCode == 0) {
      // ffmpeg ends cleanly at end of stream: the camera hung up.
      return "the camera ended the stream";
    }
    String last = lastLines.isEmpty() ? "no output" : lastLines.getLast();
    return "ffmpeg exited with code " + exitCode + ": " + last;
  }
}

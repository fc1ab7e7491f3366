package io.sensepulse.common.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An RTSP camera as ffmpeg's input, with its URL kept off ffmpeg's command line: any local user can
 * read a process's arguments ({@code ps}, {@code /proc/PID/cmdline}), a camera URL carries its
 * password, and ffmpeg takes RTSP credentials only inside the URL. So the URL goes into a one-entry
 * ffconcat script written to ffmpeg's stdin, which the concat demuxer reads once as the input opens
 * and then opens the URL with the options listed under it.
 *
 * @param arguments ffmpeg's input arguments, ending in {@code -i pipe:0}
 * @param script the ffconcat script to write to ffmpeg's stdin, then close it
 */
public record RtspInput(List<String> arguments, String script) {
  /**
   * What the concat demuxer may open: its script on stdin, then RTSP (interleaved over TCP, or over
   * UDP, TLS for rtsps, or tunnelled over HTTP).
   */
  static final String PROTOCOLS = "pipe,rtsp,rtsps,rtp,srtp,udp,tcp,tls,http,https,httpproxy";

  public RtspInput {
    arguments = List.copyOf(arguments);
  }

  /**
   * @param url {@code rtsp://} or {@code rtsps://}, credentials allowed
   * @param options the RTSP demuxer's options, such as {@code rtsp_transport}, in order
   * @throws IllegalArgumentException for a line break in the URL or an option, which would end
   *     the script's line and could add directives to it
   */
  public static RtspInput of(String url, Map<String, String> options) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    if (!lower.startsWith("rtsp://") && !lower.startsWith("rtsps://")) {
      throw new IllegalArgumentException("not an rtsp:// or rtsps:// URL");
    }
    StringBuilder script = new StringBuilder("ffconcat version 1.0\n");
    script.append("file ").append(quoted(url, "the camera URL")).append('\n');
    options.forEach((key, value) -> {
      if (!key.matches("[a-z_]+")) {
        throw new IllegalArgumentException("not an ffmpeg option name: " + key);
      }
      script.append("option ").append(key).append(' ').append(quoted(value, "option " + key)).append('\n');
    });
    List<String> arguments = new ArrayList<>(List.of("-f", "concat",
        // an absolute URL is "unsafe" to the concat demuxer, which expects relative file names
        "-safe", "0", "-protocol_whitelist", PROTOCOLS,
        // the demuxer probes the camera's streams itself; probing them again through it would
        // hold the first picture back by about 1.4 s
        "-analyzeduration", "0", "-probesize", "32",
        "-i", "pipe:0"));
    return new RtspInput(arguments, script.toString());
  }

  public byte[] scriptBytes() {
    return script.getBytes(StandardCharsets.UTF_8);
  }

  /** ffconcat's quoting: all literal between single quotes; a quote itself as {@code '\''}. */
  private static String quoted(String text, String what) {
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " contains a line break");
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }
}

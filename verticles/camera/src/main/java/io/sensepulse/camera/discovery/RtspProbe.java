package io.sensepulse.camera.discovery;

import java.util.regex.Pattern;

/**
 * Tells an RTSP server from anything else that accepts a TCP connection: after an
 * {@code OPTIONS rtsp://host:port/ RTSP/1.0} request, an RTSP server's first line is a
 * {@code RTSP/1.0 <status>} status line. Any status counts (401 too: a camera that wants a
 * password is still a camera).
 */
public final class RtspProbe {
  private RtspProbe() {}

  /** Longer than any status line; more text without one is not RTSP. */
  public static final int MAX_STATUS_LINE = 256;

  public enum Verdict { RTSP, NOT_RTSP, UNDECIDED }

  private static final String VERSION = "RTSP/1.0 ";
  private static final Pattern STATUS_LINE = Pattern.compile("RTSP/1\\.0 [1-5]\\d\\d(?: [^\\r\\n]*)?\\r?");
  /** The part of a status line after the version, before all of it has arrived. */
  private static final Pattern STATUS_START = Pattern.compile("[1-5](?:\\d(?:\\d(?: [^\\r\\n]*)?)?)?\\r?");

  public static String optionsRequest(String host, int port) {
    return "OPTIONS rtsp://" + host + ":" + port + "/ RTSP/1.0\r\nCSeq: 1\r\n\r\n";
  }

  /** The verdict on what has arrived so far, read as ISO-8859-1 so that any byte is one char. */
  public static Verdict judge(String received) {
    int lineEnd = received.indexOf('\n');
    if (lineEnd >= 0) {
      return STATUS_LINE.matcher(received.substring(0, lineEnd)).matches() ? Verdict.RTSP : Verdict.NOT_RTSP;
    }
    return received.length() < MAX_STATUS_LINE && couldBecomeStatusLine(received) ? Verdict.UNDECIDED : Verdict.NOT_RTSP;
  }

  private static boolean couldBecomeStatusLine(String partial) {
    if (partial.length() <= VERSION.length()) {
      return VERSION.startsWith(partial);
    }
    return partial.startsWith(VERSION) && STATUS_START.matcher(partial.substring(VERSION.length())).matches();
  }

  /** The verdict when the server closed the connection: a complete status line without its line end still counts. */
  public static boolean judgeAtEnd(String received) {
    return judge(received) == Verdict.RTSP || STATUS_LINE.matcher(received).matches();
  }
}

package io.sensepulse.gateway;

import io.sensepulse.common.Ids;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code /hls/{camera}/{file}} may name: one file directly in one camera's HLS folder, by a
 * plain name with a known media extension. Works on the raw request path, before any decoding, so
 * encoded separators and dots ({@code %2f}, {@code %2e}) are refused rather than interpreted.
 */
final class HlsPaths {
  private HlsPaths() {}

  static final String PREFIX = "/hls/";
  static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
  /** ffmpeg's HLS muxer names: index.m3u8, index0.ts, init.mp4, index12.m4s; no leading dot, no '%'. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}");
  private static final Map<String, String> CONTENT_TYPES = Map.of(
      "m3u8", PLAYLIST_TYPE,
      "ts", "video/mp2t",
      "m4s", "video/mp4",
      "mp4", "video/mp4");

  /** A valid request: the camera's folder name and the file's name in it, with its content type. */
  record HlsFile(String camera, String name, String contentType) {
    boolean isPlaylist() {
      return PLAYLIST_TYPE.equals(contentType);
    }
  }

  /** Refused: {@code status} 400 for a malformed path, 404 for a name that can never exist. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  static HlsFile parse(String rawPath) throws Refused {
    if (rawPath == null || !rawPath.startsWith(PREFIX)) {
      throw new Refused(400, "expected /hls/{camera}/{file}");
    }
    String[] parts = rawPath.substring(PREFIX.length()).split("/", -1);
    if (parts.length != 2) {
      throw new Refused(400, "expected /hls/{camera}/{file}: one camera folder and one file name");
    }
    if (!Ids.isCameraId(parts[0])) {
      throw new Refused(400, "invalid camera id: use 1-40 of A-Z, a-z, 0-9, _, -");
    }
    String name = parts[1];
    if (!FILE_NAME.matcher(name).matches() || name.contains("..")) {
      throw new Refused(400, "invalid file name: letters, digits, _ - . only");
    }
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (type == null) {
      throw new Refused(404, "no such HLS file: only .m3u8, .ts, .m4s and .mp4 are served");
    }
    return new HlsFile(parts[0], name, type);
  }
}

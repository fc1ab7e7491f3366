package io.sensepulse.common;

import java.util.regex.Pattern;

/** The shape of identifiers that end up in bus addresses and Redis keys. */
public final class Ids {
  private Ids() {}

  /** Source ids and config sections: no ':' (it separates key parts) and nothing a key pattern treats specially. */
  private static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9_]{1,40}");
  /** Node ids become part of bus addresses: letters, digits, '_', '-' and '.'. */
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  /**
   * Camera ids become bus addresses, URL path segments, a folder under the HLS folder and the
   * first part of sensor names ({@code {id}:stream_status}): no '.', '/' or ':'.
   */
  private static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  public static boolean isSourceId(String id) {
    return id != null && SOURCE_ID.matcher(id).matches();
  }

  public static boolean isNodeId(String id) {
    return id != null && NODE_ID.matcher(id).matches();
  }

  public static boolean isCameraId(String id) {
    return id != null && CAMERA_ID.matcher(id).matches();
  }

  public static String requireCameraId(String id) {
    if (!isCameraId(id)) {
      throw new IllegalArgumentException("invalid camera id '" + id + "': use 1-40 of A-Z, a-z, 0-9, _, -");
    }
    return id;
  }

  public static String requireSourceId(String id) {
    if (!isSourceId(id)) {
      throw new IllegalArgumentException("invalid source id '" + id + "': use 1-40 of a-z, 0-9, _");
    }
    return id;
  }

  public static String requireNodeId(String id) {
    if (!isNodeId(id)) {
      throw new IllegalArgumentException("invalid node id '" + id + "': use 1-64 of A-Z, a-z, 0-9, _, -, .");
    }
    return id;
  }
}

package io.sensepulse.camera.onvif;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A PTZ move's direction as unit factors of ONVIF's generic velocity space (-1..1 per axis). */
public enum PtzDirection {
  UP("up", 0, 1, 0),
  DOWN("down", 0, -1, 0),
  LEFT("left", -1, 0, 0),
  RIGHT("right", 1, 0, 0),
  ZOOM_IN("zoomin", 0, 0, 1),
  ZOOM_OUT("zoomout", 0, 0, -1);

  private final String wireName;
  private final int pan;
  private final int tilt;
  private final int zoom;

  PtzDirection(String wireName, int pan, int tilt, int zoom) {
    this.wireName = wireName;
    this.pan = pan;
    this.tilt = tilt;
    this.zoom = zoom;
  }

  public String wireName() {
    return wireName;
  }

  public int pan() {
    return pan;
  }

  public int tilt() {
    return tilt;
  }

  public int zoom() {
    return zoom;
  }

  public boolean zooms() {
    return zoom != 0;
  }

  /** The direction named exactly as on the bus (up, down, left, right, zoomin, zoomout). */
  public static PtzDirection parse(String name) {
    for (PtzDirection direction : values()) {
      if (direction.wireName.equals(name)) {
        return direction;
      }
    }
    throw new IllegalArgumentException("direction must be one of "
        + Arrays.stream(values()).map(PtzDirection::wireName).collect(Collectors.joining(", "))
        + (name == null ? "" : ", not '" + name + "'"));
  }
}

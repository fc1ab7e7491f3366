package io.sensepulse.camera;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Moves a camera's pan-tilt-zoom head. The ONVIF implementation lives apart from the streamer so
 * the streamer's tests can stand in for it.
 */
public interface PtzControl {
  /**
   * @param direction up, down, left, right, zoomin or zoomout
   * @param step 0.1-1: the share of the camera's full speed/range to move by
   */
  Future<Void> move(String direction, double step);

  /** Builds a camera's PTZ control from its ONVIF settings, once per streamer. */
  @FunctionalInterface
  interface Factory {
    PtzControl create(Vertx vertx, CameraConfig.Onvif onvif);
  }
}

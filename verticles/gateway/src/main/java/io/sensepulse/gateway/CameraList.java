package io.sensepulse.gateway;

import io.sensepulse.common.Secrets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The body of {@code GET /api/cameras}: each camera of {@code config:camera} with its credentials
 * redacted, its stream as the streamer last reported it (readings {@code {id}:stream_*} of
 * {@code network_camera}) and the orchestrator's view of it ({@code streams} in
 * {@code status:network_camera}).
 */
final class CameraList {
  private CameraList() {}

  /** The orchestrator's field of {@code status:network_camera}: {@code {camera: {state, reason, error, since}}}. */
  static final String ORCHESTRATOR_STREAMS = "orchestrator:streams";
  static final List<String> ENDED_BY_FAILURE = List.of("max_reconnects", "error");
  static final List<String> STREAM_SENSORS = List.of("status", "connected", "error", "resolution", "fps", "uptime");

  /**
   * @param config {@code config:camera}, or null
   * @param readings the {@code network_camera} readings, {@code {sensor: {value, unit, timestamp}}}
   * @param status {@code status:network_camera}, or null
   */
  static JsonArray build(JsonObject config, JsonObject readings, JsonObject status) {
    JsonArray list = new JsonArray();
    JsonObject streams = status != null && status.getValue(ORCHESTRATOR_STREAMS) instanceof JsonObject known ? known : new JsonObject();
    if (config == null || !(config.getValue("cameras") instanceof JsonArray cameras)) {
      return list;
    }
    for (Object entry : cameras) {
      if (!(entry instanceof JsonObject camera) || !(camera.getValue("id") instanceof String id)) {
        continue;
      }
      JsonObject shown = Secrets.redact(camera);
      JsonObject orchestrator = streams.getValue(id) instanceof JsonObject stream ? stream : null;
      shown.put("ptz", camera.getValue("onvif") instanceof JsonObject onvif && onvif.getValue("host") instanceof String);
      shown.put("stream", stream(id, readings, orchestrator));
      list.add(shown);
    }
    return list;
  }

  /**
   * {@code {status, connected, error, resolution, fps, uptime, updated, state, reason}}: the streamer's
   * readings while the orchestrator has it running (or does not know it), else the orchestrator's state.
   */
  private static JsonObject stream(String id, JsonObject readings, JsonObject orchestrator) {
    JsonObject stream = new JsonObject();
    double updated = 0;
    for (String sensor : STREAM_SENSORS) {
      if (readings != null && readings.getValue(id + ":stream_" + sensor) instanceof JsonObject reading) {
        stream.put(sensor, reading.getValue("value"));
        if (reading.getValue("timestamp") instanceof Number timestamp) {
          updated = Math.max(updated, timestamp.doubleValue());
        }
      }
    }
    stream.put("updated", updated > 0 ? updated : null);
    String state = orchestrator == null ? null : orchestrator.getString("state");
    stream.put("state", state).put("reason", orchestrator == null ? null : orchestrator.getValue("reason"));
    if ("starting".equals(state) || ("running".equals(state) && !stream.containsKey("status"))) {
      stream.put("status", "starting");
    } else if ("stopping".equals(state) || "stopped".equals(state)) {
      // Ended by a stop (user_stopped) or for good after failures (max_reconnects, error); while
      // stopping there is no reason yet.
      boolean failed = orchestrator.getValue("reason") instanceof String reason && ENDED_BY_FAILURE.contains(reason);
      stream.put("status", failed ? "error" : "stopped");
      if (failed && stream.getValue("error") == null) {
        stream.put("error", orchestrator.getValue("error") instanceof String error ? error
            : "the stream ended: " + orchestrator.getString("reason"));
      }
    } else if ("error".equals(state)) {
      stream.put("status", "error").put("error", orchestrator.getValue("error"));
    } else if (!stream.containsKey("status")) {
      stream.put("status", "stopped");
    }
    return stream;
  }
}

package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What GET /api/cameras says of a stream, for each state the orchestrator writes in the order it writes them. */
class CameraListTest {
  private static final JsonObject CONFIG = new JsonObject().put("cameras", new JsonArray()
      .add(new JsonObject().put("id", "yard").put("rtsp_url", "rtsp://127.0.0.1/cam")));
  /** What a streaming streamer last wrote. */
  private static final JsonObject STREAMING = new JsonObject()
      .put("yard:stream_status", reading("streaming"))
      .put("yard:stream_error", reading(null))
      .put("yard:stream_resolution", reading("320x240"));

  private static JsonObject reading(Object value) {
    return new JsonObject().put("value", value).put("timestamp", 1_700_000_000.5);
  }

  private static JsonObject stream(JsonObject readings, JsonObject orchestrator) {
    JsonObject status = orchestrator == null ? null
        : new JsonObject().put(CameraList.ORCHESTRATOR_STREAMS, new JsonObject().put("yard", orchestrator));
    return CameraList.build(CONFIG, readings, status).getJsonObject(0).getJsonObject("stream");
  }

  @Test
  void startingAndRunningFollowTheStreamersReadingsOnceThereAreSome() {
    assertEquals("starting", stream(null, new JsonObject().put("state", "starting")).getString("status"));
    assertEquals("starting", stream(null, new JsonObject().put("state", "running")).getString("status"));
    JsonObject running = stream(STREAMING, new JsonObject().put("state", "running"));
    assertEquals("streaming", running.getString("status"));
    assertEquals("320x240", running.getString("resolution"));
    assertEquals(1_700_000_000.5, running.getDouble("updated"));
  }

  @Test
  void stoppingHasNoReasonYetAndShowsStoppedOverTheLastReadings() {
    JsonObject stopping = stream(STREAMING, new JsonObject().put("state", "stopping").put("camera", "yard"));
    assertEquals("stopped", stopping.getString("status"));
    assertNull(stopping.getValue("reason"));
  }

  @Test
  void anEndByFailureIsAnErrorWithItsReasonAndAStopIsNot() {
    assertEquals("stopped", stream(STREAMING, new JsonObject().put("state", "stopped").put("reason", "user_stopped"))
        .getString("status"));
    JsonObject gaveUp = stream(null, new JsonObject().put("state", "stopped").put("reason", "max_reconnects")
        .put("error", "the camera refused the connection (is the RTSP port right?)"));
    assertEquals("error", gaveUp.getString("status"));
    assertEquals("the camera refused the connection (is the RTSP port right?)", gaveUp.getString("error"));
    JsonObject failedStart = stream(null, new JsonObject().put("state", "error").put("reason", "start_failed")
        .put("error", "starting camera yard on node hub failed: no node agent answers (is the node up?)"));
    assertEquals("error", failedStart.getString("status"));
    assertEquals("starting camera yard on node hub failed: no node agent answers (is the node up?)", failedStart.getString("error"));
  }

  @Test
  void aCameraTheOrchestratorDoesNotKnowShowsItsReadingsOrStopped() {
    assertEquals("streaming", stream(STREAMING, null).getString("status"));
    assertEquals("stopped", stream(null, null).getString("status"));
  }
}

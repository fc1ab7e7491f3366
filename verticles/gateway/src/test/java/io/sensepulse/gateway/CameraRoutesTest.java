package io.sensepulse.gateway;

import static io.sensepulse.gateway.ApiRoutesTest.assertApiJson;
import static io.sensepulse.gateway.ApiRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Reading;
import io.sensepulse.common.Secrets;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/cameras} with a real Redis and the orchestrator and streamer played by bus consumers. */
@ExtendWith(VertxExtension.class)
class CameraRoutesTest {
  private static final String PASSWORD = "hunter2";
  private static final JsonObject YARD = new JsonObject().put("id", "yard").put("name", "Yard")
      .put("rtsp_url", "rtsp://admin:" + PASSWORD + "@10.0.0.5:554/stream1").put("transport", "tcp")
      .put("onvif", new JsonObject().put("host", "10.0.0.5").put("port", 80).put("username", "admin").put("password", PASSWORD));
  private static final JsonObject PORCH = new JsonObject().put("id", "porch").put("name", "Porch")
      .put("rtsp_url", "rtsp://10.0.0.6/live").put("transport", "udp");

  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  private TestGateway gateway;
  private Store store;

  @BeforeEach
  void setUp(Vertx vertx) {
    store = Store.create(vertx, redis.url());
    gateway = TestGateway.deployOnEmptyStore(vertx, redis, store).await();
    store.putConfig(CameraRoutes.SECTION, new JsonObject().put("cameras", new JsonArray().add(YARD).add(PORCH))).await();
  }

  @AfterEach
  void tearDown() {
    store.close().await();
  }

  private HttpResponse<Buffer> post(String path, Object body) {
    var request = gateway.client().post(path);
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body.toString()))).await();
  }

  private HttpResponse<Buffer> put(String path, Object body) {
    return gateway.client().put(path).sendBuffer(Buffer.buffer(body.toString())).await();
  }

  /** Answers every request on the address with the reply; completes with the first request. */
  private static Promise<JsonObject> answer(Vertx vertx, String address, JsonObject reply) {
    Promise<JsonObject> asked = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(address, message -> {
      asked.tryComplete(message.body());
      message.reply(reply);
    }).completion().await();
    return asked;
  }

  @Test
  void theListHasEveryCameraWithItsStreamAndNoCredentials() {
    store.writeReadings(Addresses.CAMERA_SOURCE, List.of(Reading.of("yard:stream_status", "streaming", null),
        Reading.of("yard:stream_connected", true, null), Reading.of("yard:stream_resolution", "320x240", null),
        Reading.of("yard:stream_fps", 15, "fps"), Reading.of("yard:stream_error", null, null))).await();
    store.updateStatus(Addresses.CAMERA_SOURCE, new JsonObject().put(CameraList.ORCHESTRATOR_STREAMS, new JsonObject()
        .put("yard", new JsonObject().put("state", "running").put("node", "hub"))
        .put("porch", new JsonObject().put("state", "stopped").put("reason", "max_reconnects")))).await();
    HttpResponse<Buffer> response = gateway.client().get("/api/cameras").send().await();
    assertApiJson(response, 200);
    assertFalse(response.bodyAsString().contains(PASSWORD), response.bodyAsString());
    JsonArray cameras = response.bodyAsJsonArray();
    assertEquals(2, cameras.size());
    JsonObject yard = cameras.getJsonObject(0);
    assertEquals("rtsp://" + Secrets.REDACTED + "@10.0.0.5:554/stream1", yard.getString("rtsp_url"));
    assertEquals(Secrets.REDACTED, yard.getJsonObject("onvif").getString("password"));
    assertEquals(true, yard.getBoolean("ptz"));
    JsonObject stream = yard.getJsonObject("stream");
    assertEquals("streaming", stream.getString("status"));
    assertEquals("320x240", stream.getString("resolution"));
    assertEquals(15, stream.getInteger("fps"));
    assertEquals("running", stream.getString("state"));
    JsonObject porch = cameras.getJsonObject(1);
    assertEquals(false, porch.getBoolean("ptz"));
    assertEquals("error", porch.getJsonObject("stream").getString("status"));
    assertEquals("the stream ended: max_reconnects", porch.getJsonObject("stream").getString("error"));
  }

  @Test
  void startAndStopGoToTheOrchestratorAndItsAnswerComesBack(Vertx vertx) {
    JsonObject ok = new JsonObject().put("status", "ok").put("data", new JsonObject().put("camera", "yard").put("state", "running"));
    Promise<JsonObject> asked = answer(vertx, Addresses.CMD_ORCHESTRATOR, ok);
    HttpResponse<Buffer> started = post("/api/cameras/yard/start", null);
    assertApiJson(started, 200);
    assertEquals(ok, started.bodyAsJsonObject());
    assertEquals(new JsonObject().put("command", "start_camera").put("camera", "yard"), asked.future().await());
  }

  @Test
  void aRefusalIs422AndNoOrchestratorIs503(Vertx vertx) {
    assertError(post("/api/cameras/yard/stop", null), 503, "no orchestrator is running");
    JsonObject refused = new JsonObject().put("status", "error").put("error", "camera yard is not running");
    answer(vertx, Addresses.CMD_ORCHESTRATOR, refused);
    HttpResponse<Buffer> stopped = post("/api/cameras/yard/stop", null);
    assertError(stopped, 422, "camera yard is not running");
    assertEquals(refused, stopped.bodyAsJsonObject());
    assertError(post("/api/cameras/ya.rd/start", null), 400, "invalid camera id");
  }

  @Test
  void ptzIsValidatedThenSentToTheStreamer(Vertx vertx) {
    Map<Object, String> bad = Map.of(
        "{\"direction\": \"sideways\"}", "'direction' must be one of",
        "{\"direction\": \"left\", \"step\": 0}", "'step' must be a number from 0.1 to 1.0",
        "{\"direction\": \"left\", \"step\": 1.5}", "'step' must be a number from 0.1 to 1.0",
        "{\"direction\": \"left\", \"step\": \"0.5\"}", "'step' must be a number from 0.1 to 1.0",
        "{\"direction\": \"left\", \"step\": null}", "'step' must be a number from 0.1 to 1.0",
        "{\"direction\": ", "not valid JSON",
        "[\"left\"]", "must be a JSON object");
    bad.forEach((body, error) -> assertError(post("/api/cameras/yard/ptz", body), 400, error));
    assertError(post("/api/cameras/yard/ptz", new JsonObject().put("direction", "left")), 409, "camera yard is not streaming");
    Promise<JsonObject> asked = answer(vertx, Addresses.cmdCamera("yard"), new JsonObject().put("status", "ok").put("data", new JsonObject()));
    assertApiJson(post("/api/cameras/yard/ptz", new JsonObject().put("direction", "zoomin").put("step", 0.2)), 200);
    assertEquals(new JsonObject().put("action", "ptz_move").put("direction", "zoomin").put("step", 0.2), asked.future().await());
    Promise<JsonObject> defaultStep = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.cmdCamera("porch"), message -> {
      defaultStep.tryComplete(message.body());
      message.reply(new JsonObject().put("status", "error").put("error", "PTZ needs ONVIF settings for this camera"));
    }).completion().await();
    assertError(post("/api/cameras/porch/ptz", new JsonObject().put("direction", "up")), 422, "PTZ needs ONVIF");
    assertEquals(0.5, defaultStep.future().await().getDouble("step"));
  }

  @Test
  void discoverGoesToTheOrchestrator(Vertx vertx) {
    JsonObject found = new JsonObject().put("status", "ok").put("data", new JsonObject().put("cameras", new JsonArray()
        .add(new JsonObject().put("name", "10.0.0.9:554").put("host", "10.0.0.9").put("port", 554))));
    Promise<JsonObject> asked = answer(vertx, Addresses.CMD_ORCHESTRATOR, found);
    HttpResponse<Buffer> response = post("/api/cameras/discover", null);
    assertApiJson(response, 200);
    assertEquals(found, response.bodyAsJsonObject());
    assertEquals(new JsonObject().put("command", "discover_cameras"), asked.future().await());
  }

  @Test
  void aCameraIsAddedOrChangedKeepingSecretsSentBackRedacted(Vertx vertx) {
    Promise<JsonObject> changed = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.CONFIG_CHANGED, message -> changed.tryComplete(message.body())).completion().await();
    JsonObject gate = new JsonObject().put("name", "Gate").put("rtsp_url", "rtsp://10.0.0.9:554/");
    HttpResponse<Buffer> added = put("/api/cameras/gate", gate);
    assertApiJson(added, 200);
    assertEquals(gate.copy().put("id", "gate").put("transport", "tcp"), added.bodyAsJsonObject());
    assertEquals(new JsonObject().put("section", "camera"), changed.future().await());

    // The yard as the list showed it, renamed: its password and URL credentials stay as stored.
    JsonObject shown = Secrets.redact(YARD).put("name", "Back yard");
    shown.remove("id");
    HttpResponse<Buffer> renamed = put("/api/cameras/yard", shown);
    assertApiJson(renamed, 200);
    assertFalse(renamed.bodyAsString().contains(PASSWORD));
    JsonArray stored = store.config(CameraRoutes.SECTION).await().getJsonArray("cameras");
    assertEquals(List.of("yard", "porch", "gate"), stored.stream().map(camera -> ((JsonObject) camera).getString("id")).toList());
    assertEquals(YARD.copy().put("name", "Back yard"), stored.getJsonObject(0));
  }

  @Test
  void badCamerasAreRefusedWithoutQuotingThemAndChangeNothing() {
    String url = "rtsp://admin:" + PASSWORD + "@10.0.0.5/";
    Map<Object, String> bad = Map.of(
        new JsonObject().put("name", "Gate"), "'rtsp_url' must be an rtsp://",
        new JsonObject().put("rtsp_url", "http://admin:" + PASSWORD + "@10.0.0.5/"), "'rtsp_url' must be an rtsp://",
        new JsonObject().put("rtsp_url", url).put("transport", "sctp"), "'transport' must be tcp or udp",
        new JsonObject().put("rtsp_url", url).put("colour", "red"), "unknown field 'colour'",
        new JsonObject().put("rtsp_url", url).put("onvif", new JsonObject().put("host", "10.0.0.5").put("port", 0)),
        "'onvif.port' must be",
        new JsonObject().put("rtsp_url", url).put("id", "other"), "'id' differs",
        "{\"rtsp_url\": \"" + url, "not valid JSON");
    bad.forEach((body, error) -> {
      HttpResponse<Buffer> response = put("/api/cameras/gate", body);
      assertError(response, 400, error);
      assertFalse(response.bodyAsString().contains(PASSWORD), response.bodyAsString());
    });
    assertEquals(2, store.config(CameraRoutes.SECTION).await().getJsonArray("cameras").size());
  }
}

package io.sensepulse.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.Secrets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CameraConfigTest {
  private static JsonObject section(JsonObject... cameras) {
    return new JsonObject().put("cameras", new JsonArray(java.util.List.of((Object[]) cameras)));
  }

  private static String refusal(JsonObject section) {
    return assertThrows(IllegalArgumentException.class, () -> ConfigSections.validate("camera", section)).getMessage();
  }

  @Test
  void aSectionIsNormalisedThroughTheConfigSectionsRegistry() {
    JsonObject normalised = ConfigSections.validate("camera", section(
        new JsonObject().put("id", "door").put("rtsp_url", "rtsp://admin:s3cret@192.168.1.20:554/stream1"),
        new JsonObject().put("id", "Garden_2").put("name", "Garden").put("rtsp_url", "rtsp://cam2/live").put("node", "CAM_L")
            .put("transport", "UDP").put("onvif", new JsonObject().put("username", "admin").put("password", "pw0nvif"))));
    JsonObject door = normalised.getJsonArray("cameras").getJsonObject(0);
    assertEquals("door", door.getString("name"), "the name defaults to the id");
    assertEquals("tcp", door.getString("transport"));
    assertNull(door.getValue("onvif"));
    assertNull(door.getValue("node"), "streamed on the orchestrator's node");
    JsonObject garden = normalised.getJsonArray("cameras").getJsonObject(1);
    assertEquals("udp", garden.getString("transport"));
    assertEquals("CAM_L", garden.getString("node"));
    assertEquals(new JsonObject().put("host", "cam2").put("port", 80).put("username", "admin").put("password", "pw0nvif"),
        garden.getJsonObject("onvif"), "ONVIF host defaults to the RTSP host, port to 80");
  }

  @Test
  void aRedactedReadHidesTheOnvifPasswordAndTheUrlCredentials() {
    JsonObject stored = CameraConfig.validate(section(new JsonObject().put("id", "door")
        .put("rtsp_url", "rtsp://admin:s3cret@192.168.1.20/stream1")
        .put("onvif", new JsonObject().put("username", "admin").put("password", "pw0nvif"))));
    String shown = Secrets.redact(stored).encode();
    assertFalse(shown.contains("s3cret"), shown);
    assertFalse(shown.contains("pw0nvif"), shown);
    assertTrue(shown.contains("rtsp://********@192.168.1.20/stream1"), shown);
  }

  @Test
  void cameraConfigTextIsAcceptedAsTheListOrTheWholeSection() {
    String list = "[{\"id\":\"door\",\"rtsp_url\":\"rtsp://10.0.0.5/s\"}]";
    assertEquals("door", CameraConfig.from(new JsonObject().put("cameras", list)).cameras().get(0).id());
    assertEquals("door", CameraConfig.from(new JsonObject().put("cameras", "{\"cameras\": " + list + "}")).cameras().get(0).id());
    assertTrue(CameraConfig.from(new JsonObject()).cameras().isEmpty());
    String refused = refusal(new JsonObject().put("cameras", "[{\"id\":\"door\",\"rtsp_url\":\"rtsp://a:s3cret@x/\""));
    assertTrue(refused.startsWith("camera.cameras (CAMERA_CONFIG) must be a JSON list"), refused);
    assertFalse(refused.contains("s3cret"), "the text is never echoed: it may hold passwords");
  }

  @Test
  void badCamerasAreRefusedWithMessagesThatNameTheProblemButNoSecret() {
    JsonObject good = new JsonObject().put("id", "door").put("rtsp_url", "rtsp://cam/s");
    assertEquals("camera: id must be 1-40 of A-Z, a-z, 0-9, _ and -, got 'Front Door'",
        refusal(section(good.copy().put("id", "Front Door"))));
    assertEquals("camera: id must be 1-40 of A-Z, a-z, 0-9, _ and -, got 'a.b'", refusal(section(good.copy().put("id", "a.b"))));
    assertEquals("camera 'door': node must be a node id (1-64 of A-Z, a-z, 0-9, _, -, .)",
        refusal(section(good.copy().put("node", "CAM L"))));
    assertEquals("camera: id 'door' is listed twice", refusal(section(good, good.copy())));
    assertEquals("camera 'door': rtsp_url must start with rtsp:// or rtsps://",
        refusal(section(good.copy().put("rtsp_url", "http://cam/s"))));
    assertEquals("camera 'door': rtsp_url is required, e.g. rtsp://192.168.1.20:554/stream1",
        refusal(section(new JsonObject().put("id", "door"))));
    assertEquals("camera 'door': transport must be tcp or udp, got 'http'",
        refusal(section(good.copy().put("transport", "http"))));
    assertEquals("camera 'door': unknown field 'url'; known: id, name, rtsp_url, transport, onvif, node",
        refusal(section(good.copy().put("url", "rtsp://cam/s"))));
    assertEquals("camera 'door': onvif.port must be between 1 and 65535, got 70000",
        refusal(section(good.copy().put("onvif", new JsonObject().put("port", 70000)))));
    // An unencoded '@' in the password: the URL has no host; the message must not quote it.
    String unencoded = refusal(section(good.copy().put("rtsp_url", "rtsp://admin:p@ss1234@cam/s")));
    assertTrue(unencoded.contains("must be percent-encoded"), unencoded);
    assertFalse(unencoded.contains("p@ss1234"), unencoded);
    String malformed = refusal(section(good.copy().put("rtsp_url", "rtsp://admin:s3cret@[bad/s")));
    assertEquals("camera 'door': rtsp_url is not a valid URL (characters such as @ : / in a user name or password"
        + " must be percent-encoded)", malformed);
  }

  @Test
  void theRedactedPlaceholderIsNeverStoredAsACredential() {
    JsonObject good = new JsonObject().put("id", "door").put("rtsp_url", "rtsp://cam/s");
    assertEquals("camera 'door': onvif.password is the redacted placeholder ********; send the real password",
        refusal(section(good.copy().put("onvif", new JsonObject().put("password", Secrets.REDACTED)))));
    assertEquals("camera 'door': rtsp_url holds the redacted placeholder ******** instead of the credentials; send the real ones",
        refusal(section(good.copy().put("rtsp_url", "rtsp://********@cam/s"))));
  }

  @Test
  void aCameraRedactsItsOwnSecretsFromAnyText() {
    CameraConfig.Camera camera = CameraConfig.camera(new JsonObject().put("id", "door")
        .put("rtsp_url", "rtsp://admin:s3cr%40t@cam/s").put("onvif", new JsonObject().put("password", "pw0nvif")));
    assertEquals("rtsp://********@cam/s", camera.safeUrl());
    String redacted = camera.redact("password s3cr@t, encoded s3cr%40t, onvif pw0nvif, url rtsp://admin:s3cr%40t@cam/s");
    assertEquals("password ********, encoded ********, onvif ********, url rtsp://********@cam/s", redacted);
    assertFalse(camera.toString().contains("s3cr"), camera.toString());
    assertFalse(camera.toString().contains("pw0nvif"), camera.toString());
  }
}

package io.sensepulse.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void secretFieldsAreRedactedAtAnyDepthAndTheRestIsKept() {
    JsonObject document = new JsonObject()
        .put("enabled", true)
        .put("users", new JsonArray().add(new JsonObject().put("username", "coach").put("password_hash", "$2b$12$x")))
        .put("pihole", new JsonObject().put("api_token", "abc").put("app_password", "pw").put("host", "pi.hole"))
        .put("srtp_key", "k")
        .put("cleared_password", null);

    JsonObject redacted = Secrets.redact(document);

    assertEquals("coach", redacted.getJsonArray("users").getJsonObject(0).getString("username"));
    assertEquals(Secrets.REDACTED, redacted.getJsonArray("users").getJsonObject(0).getString("password_hash"));
    assertEquals(Secrets.REDACTED, redacted.getJsonObject("pihole").getString("api_token"));
    assertEquals(Secrets.REDACTED, redacted.getJsonObject("pihole").getString("app_password"));
    assertEquals("pi.hole", redacted.getJsonObject("pihole").getString("host"));
    assertEquals(Secrets.REDACTED, redacted.getString("srtp_key"));
    assertEquals(null, redacted.getValue("cleared_password"));
    assertFalse(redacted.encode().contains("abc"));
    assertEquals("$2b$12$x", document.getJsonArray("users").getJsonObject(0).getString("password_hash"), "the original is untouched");
  }

  @Test
  void aRedactedSecretSentBackKeepsTheStoredValue() {
    JsonObject stored = new JsonObject().put("host", "http://pi.hole").put("password", "pw");
    JsonObject edited = new JsonObject().put("host", "http://10.0.0.2").put("password", Secrets.REDACTED);
    assertEquals(new JsonObject().put("host", "http://10.0.0.2").put("password", "pw"), Secrets.restoreRedacted(edited, stored));
    assertEquals(new JsonObject().put("host", "h"), Secrets.restoreRedacted(new JsonObject().put("host", "h").put("password", Secrets.REDACTED), null));
    assertEquals(new JsonObject().put("password", "new"), Secrets.restoreRedacted(new JsonObject().put("password", "new"), stored));
  }

  @Test
  void credentialsInUrlsAreRedacted() {
    assertEquals("rtsp://********@10.0.0.5:554/stream1", Secrets.redactUrl("rtsp://admin:s3cret@10.0.0.5:554/stream1"));
    assertEquals("failed to open rtsp://********@cam/live: 401",
        Secrets.redactUrl("failed to open rtsp://user:p%40ss@cam/live: 401"));
    assertEquals("rtsp://10.0.0.5/stream1", Secrets.redactUrl("rtsp://10.0.0.5/stream1"));
    assertEquals(new JsonObject().put("rtsp_url", "rtsp://********@cam/x"),
        Secrets.redact(new JsonObject().put("rtsp_url", "rtsp://u:p@cam/x")));
  }
}

package io.sensepulse.sources.pihole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PiholeConfigTest {

  private static String error(JsonObject section) {
    return assertThrows(IllegalArgumentException.class, () -> PiholeConfig.validate(section)).getMessage();
  }

  @Test
  void normalisesAndFillsDefaults() {
    assertEquals(new JsonObject().put("url", "http://pi.hole").put("password", "").put("timeout_ms", 5000),
        PiholeConfig.validate(new JsonObject().put("url", "http://pi.hole/")));
    assertEquals(new JsonObject().put("url", "https://10.0.0.2:8443/pihole").put("password", "s3cret")
            .put("api_token", "abc").put("timeout_ms", 2000),
        PiholeConfig.validate(new JsonObject().put("url", "HTTPS://10.0.0.2:8443/pihole/").put("password", "s3cret")
            .put("api_token", "abc").put("timeout_ms", "2000")));
  }

  @Test
  void acceptsTheOriginalHostKeyAndABareHost() {
    assertEquals("http://pi.hole", PiholeConfig.from(new JsonObject().put("host", "http://pi.hole")).url());
    assertEquals("http://192.168.1.2", PiholeConfig.from(new JsonObject().put("host", "192.168.1.2")).url());
  }

  @Test
  void rejectsWhatCannotWork() {
    assertEquals("pihole: url is required, e.g. http://pi.hole", error(new JsonObject()));
    assertEquals("pihole: url is required, e.g. http://pi.hole", error(new JsonObject().putNull("host").put("password", "x")));
    assertEquals("pihole: url must start with http:// or https://", error(new JsonObject().put("url", "ftp://pi.hole")));
    assertEquals("pihole: url must not have a query or fragment", error(new JsonObject().put("url", "http://pi.hole/?a=b")));
    assertEquals("pihole: give url or host, not both",
        error(new JsonObject().put("url", "http://a").put("host", "http://b")));
    assertEquals("pihole: timeout_ms must be between 100 and 60000, got 0",
        error(new JsonObject().put("url", "http://pi.hole").put("timeout_ms", 0)));
    assertEquals("pihole: password must be text of at most 256 characters",
        error(new JsonObject().put("url", "http://pi.hole").put("password", 1234)));
    assertEquals("pihole: unknown field 'pasword'; known: url, password, api_token, timeout_ms",
        error(new JsonObject().put("url", "http://pi.hole").put("pasword", "x")));
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
    String message = error(new JsonObject().put("url", "http://admin:hunter22@pi.hole"));
    assertEquals("pihole: url must not hold credentials; put the password in 'password'", message);
    assertFalse(message.contains("hunter22"));
  }

  @Test
  void printingHidesThePassword() {
    PiholeConfig config = PiholeConfig.from(new JsonObject().put("url", "http://pi.hole").put("password", "hunter22"));
    assertFalse(config.toString().contains("hunter22"));
  }
}

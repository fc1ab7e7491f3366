package io.sensepulse.sources.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TailscaleConfigTest {

  @Test
  void defaultsToTheDaemonsSocket() {
    assertEquals(new TailscaleConfig("/var/run/tailscale/tailscaled.sock", Duration.ofSeconds(5)),
        TailscaleConfig.from(new JsonObject()));
    assertEquals(new JsonObject().put("socket", "/run/ts.sock").put("timeout_ms", 800),
        TailscaleConfig.validate(new JsonObject().put("socket", "/run/ts.sock").put("timeout_ms", "800")));
  }

  @Test
  void refusesWhatCannotBeASocketOrATimeout() {
    assertEquals("tailscale.socket must be an absolute path of at most 107 bytes, e.g. /var/run/tailscale/tailscaled.sock",
        assertThrows(IllegalArgumentException.class,
            () -> TailscaleConfig.validate(new JsonObject().put("socket", "run/ts.sock"))).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> TailscaleConfig.validate(new JsonObject().put("socket", "/" + "a".repeat(107))));
    assertThrows(IllegalArgumentException.class, () -> TailscaleConfig.validate(new JsonObject().put("socket", 3)));
    assertEquals("timeout_ms must be between 100 and 60000, got 5", assertThrows(IllegalArgumentException.class,
        () -> TailscaleConfig.validate(new JsonObject().put("timeout_ms", 5))).getMessage());
    assertEquals("tailscale: unknown field 'sock'; known: socket, timeout_ms", assertThrows(IllegalArgumentException.class,
        () -> TailscaleConfig.validate(new JsonObject().put("sock", "/x"))).getMessage());
    assertEquals("tailscale must be a JSON object", assertThrows(IllegalArgumentException.class,
        () -> TailscaleConfig.from(new JsonObject().put("tailscale", "/x"))).getMessage());
  }
}

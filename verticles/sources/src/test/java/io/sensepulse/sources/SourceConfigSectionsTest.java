package io.sensepulse.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.ConfigSections;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The sources' sections reach ConfigSections through the service file, as the gateway and orchestrator see them. */
class SourceConfigSectionsTest {

  @Test
  void everySourceSectionIsKnownAndValidated() {
    assertTrue(ConfigSections.names().containsAll(java.util.List.of("pihole", "tailscale", "weather", "aranet4", "schedule", "auth")),
        ConfigSections.names().toString());
    assertEquals("http://pi.hole", ConfigSections.validate("pihole", new JsonObject().put("host", "pi.hole")).getString("url"));
    assertThrows(IllegalArgumentException.class, () -> ConfigSections.validate("weather", new JsonObject().put("nonsense", 1)));
  }
}

package io.sensepulse.sources.aranet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AranetConfigTest {
  @Test
  void readsTheOriginalEnvironmentFormat() {
    // ARANET4_SENSORS and ARANET4_TIMEOUT as the original Sense Pulse seeded them: JSON text and a number as text.
    AranetConfig config = AranetConfig.from(new JsonObject()
        .put("sensors", "[{\"label\": \"Office\", \"mac\": \"aa:bb:cc:dd:ee:ff\"}, {\"label\": \"bedroom\","
            + " \"mac_address\": \"11-22-33-44-55-66\"}]")
        .put("timeout", "15"));
    assertEquals(List.of(new AranetConfig.Sensor("office", "AA:BB:CC:DD:EE:FF"),
        new AranetConfig.Sensor("bedroom", "11:22:33:44:55:66")), config.sensors());
    assertEquals(15, config.timeoutSeconds());
    assertNull(config.busAddress());
  }

  @Test
  void validateNormalises() {
    JsonObject normalised = AranetConfig.validate(new JsonObject().put("sensors",
        new JsonArray().add(new JsonObject().put("label", "office").put("mac", "aa:bb:cc:dd:ee:ff"))));
    assertEquals(new JsonObject().put("sensors", new JsonArray().add(new JsonObject().put("label", "office")
        .put("mac", "AA:BB:CC:DD:EE:FF"))).put("timeout", 10).put("bus_address", null), normalised);
    assertEquals(List.of(), AranetConfig.from(new JsonObject()).sensors());
  }

  @Test
  void rejectsBadInputWithUserMessages() {
    assertEquals("aranet4: sensor 'office' needs a Bluetooth address like AA:BB:CC:DD:EE:FF, got 'nope'",
        error(new JsonObject().put("sensors", "[{\"label\":\"office\",\"mac\":\"nope\"}]")));
    assertEquals("aranet4: sensor label must be 1-32 of a-z, 0-9, _ and -, got 'my office'",
        error(new JsonObject().put("sensors", "[{\"label\":\"my office\",\"mac\":\"AA:BB:CC:DD:EE:FF\"}]")));
    assertEquals("aranet4: sensor label 'a' is listed twice", error(new JsonObject().put("sensors",
        "[{\"label\":\"a\",\"mac\":\"AA:BB:CC:DD:EE:FF\"},{\"label\":\"a\",\"mac\":\"AA:BB:CC:DD:EE:00\"}]")));
    assertEquals("aranet4: sensor address AA:BB:CC:DD:EE:FF is listed twice", error(new JsonObject().put("sensors",
        "[{\"label\":\"a\",\"mac\":\"AA:BB:CC:DD:EE:FF\"},{\"label\":\"b\",\"mac\":\"aa:bb:cc:dd:ee:ff\"}]")));
    assertEquals("aranet4.sensors (ARANET4_SENSORS) must be a JSON list such as"
        + " [{\"label\":\"office\",\"mac\":\"AA:BB:CC:DD:EE:FF\"}]", error(new JsonObject().put("sensors", "office=AA")));
    assertEquals("timeout must be between 1 and 120, got 0", error(new JsonObject().put("timeout", 0)));
    assertEquals("aranet4.bus_address must be a D-Bus unix: address or null, got 'tcp:host=x'",
        error(new JsonObject().put("bus_address", "tcp:host=x")));
    assertEquals("aranet4: unknown field 'mode'; known: sensors, timeout, bus_address",
        error(new JsonObject().put("mode", "scan")));
  }

  private static String error(JsonObject section) {
    return assertThrows(IllegalArgumentException.class, () -> AranetConfig.from(section)).getMessage();
  }
}

package io.sensepulse.sources.aranet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AranetCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(BleScanner scanner, String... args) {
    return AranetCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), (vertx, bus) -> scanner);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void decodePrintsTheReadingsAsJson() {
    assertEquals(0, run(null, "decode", Vectors.ARANET4));
    JsonObject json = new JsonObject(out());
    assertEquals("aranet4", json.getString("type"));
    assertEquals("v1.3.5", json.getString("version"));
    assertEquals(1091, json.getInteger("co2"));
    assertEquals(20.8, json.getDouble("temperature"));
    assertEquals(1012.3, json.getDouble("pressure"));
    assertEquals("yellow", json.getString("status"));
    assertEquals(16, json.getInteger("age"));
  }

  @Test
  void decodePrintsInvalidValuesAsNull() {
    byte[] data = Hex.decode(Vectors.ARANET4);
    data[9] |= (byte) 0x80;
    assertEquals(0, run(null, "decode", Hex.encode(data), "--name", "Aranet4 12345"));
    JsonObject json = new JsonObject(out());
    assertTrue(json.containsKey("co2"));
    assertEquals(null, json.getValue("co2"));
  }

  @Test
  void decodeSaysWhenIntegrationsAreOff() {
    assertEquals(0, run(null, "decode", Vectors.ARANET2_NO_INTEGRATIONS));
    JsonObject json = new JsonObject(out());
    assertEquals(false, json.getBoolean("integrations"));
    assertTrue(json.getString("message").contains("enable it in the Aranet app"), json.encode());
    assertTrue(!json.containsKey("temperature"));
  }

  @Test
  void badHexIsExitTwoWithAMessage() {
    assertEquals(2, run(null, "decode", "21zz"));
    assertTrue(err().startsWith("pulse aranet: not hex: '21zz'"), err());
    assertEquals("", out());
  }

  @Test
  void tooShortIsExitTwoWithAMessage() {
    assertEquals(2, run(null, "decode", Vectors.ARANET4_BAD));
    assertTrue(err().startsWith("pulse aranet: Aranet manufacturer data is 3 bytes"), err());
  }

  @Test
  void usageErrorsAreExitTwo() {
    assertEquals(2, run(null));
    assertEquals(2, run(null, "frobnicate"));
    assertEquals(2, run(null, "scan", "--timeout", "0"));
    assertTrue(err().contains("--timeout must be whole seconds from 1 to 120, got '0'"), err());
  }

  @Test
  void scanListsAranetDevicesWithReadings() {
    Duration[] asked = new Duration[1];
    BleScanner scanner = timeout -> {
      asked[0] = timeout;
      return Future.succeededFuture(List.of(
          new Advert("AA:BB:CC:DD:EE:01", "Aranet4 12345", -61, Map.of(0x0702, Hex.decode(Vectors.ARANET4))),
          new Advert("AA:BB:CC:DD:EE:02", null, -80, Map.of(0x004c, new byte[] {1, 2})),
          new Advert("AA:BB:CC:DD:EE:03", null, null, Map.of(0x0702, Hex.decode(Vectors.ARANET4_BAD)))));
    };
    assertEquals(0, run(scanner, "scan", "--timeout", "3"));
    assertEquals(Duration.ofSeconds(3), asked[0]);
    JsonObject json = new JsonObject(out());
    assertEquals(2, json.getJsonArray("devices").size(), "the non-Aranet device is left out");
    JsonObject first = json.getJsonArray("devices").getJsonObject(0);
    assertEquals("AA:BB:CC:DD:EE:01", first.getString("mac"));
    assertEquals(-61, first.getInteger("rssi"));
    assertEquals(1091, first.getJsonObject("readings").getInteger("co2"));
    JsonObject bad = json.getJsonArray("devices").getJsonObject(1);
    assertEquals(null, bad.getValue("readings"));
    assertEquals("Aranet manufacturer data is 3 bytes; an advert has at least 5", bad.getString("error"));
  }

  @Test
  void scanFailureIsExitOne() {
    assertEquals(1, run(timeout -> Future.failedFuture("no Bluetooth adapter"), "scan"));
    assertEquals("pulse aranet: scan failed: no Bluetooth adapter\n", err());
  }
}

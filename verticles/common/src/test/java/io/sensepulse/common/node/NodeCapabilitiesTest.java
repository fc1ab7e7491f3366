package io.sensepulse.common.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCapabilitiesTest {
  @TempDir Path sys;

  @Test
  void aRegisteredHciAdapterIsBle() throws Exception {
    assertFalse(NodeCapabilities.hasBluetoothAdapter(sys));
    Files.createDirectories(sys.resolve("class/bluetooth"));
    assertFalse(NodeCapabilities.hasBluetoothAdapter(sys), "the class folder alone is no adapter");
    // as the kernel shows it: a symlink into the device tree; a directory does as well here
    Files.createDirectories(sys.resolve("class/bluetooth/hci0"));
    assertTrue(NodeCapabilities.hasBluetoothAdapter(sys));
  }

  @Test
  void configuredCapabilitiesComeAsAListOrAsText() {
    assertEquals(Set.of("ble", "camera"), NodeCapabilities.configured(new JsonObject().put("capabilities", "ble, camera")));
    assertEquals(Set.of("ble"), NodeCapabilities.configured(new JsonObject().put("capabilities", new JsonArray().add("ble"))));
    assertEquals(Set.of(), NodeCapabilities.configured(new JsonObject()));
    var error = assertThrows(IllegalArgumentException.class,
        () -> NodeCapabilities.configured(new JsonObject().put("capabilities", new JsonArray().add("BLE!"))));
    assertTrue(error.getMessage().contains("BLE!"), error.getMessage());
  }
}

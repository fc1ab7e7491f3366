package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sensepulse.sources.sensehat.JoystickEvents.Press;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoystickEventsTest {
  /** A struct input_event as the kernel lays it out, little-endian. */
  static byte[] record(int size, long seconds, long micros, int type, int code, int value) {
    ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    if (size == JoystickEvents.RECORD_64) {
      buffer.putLong(seconds).putLong(micros);
    } else {
      buffer.putInt((int) seconds).putInt((int) micros);
    }
    return buffer.putShort((short) type).putShort((short) code).putInt(value).array();
  }

  /** Pressed, EV_SYN, released, EV_SYN: what one tap on the joystick produces. */
  static byte[] tap(int size, int code) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(record(size, 1_700_000_000L, 250_000, 1, code, 1));
    out.writeBytes(record(size, 1_700_000_000L, 250_000, 0, 0, 0));
    out.writeBytes(record(size, 1_700_000_000L, 500_000, 1, code, 0));
    out.writeBytes(record(size, 1_700_000_000L, 500_000, 0, 0, 0));
    return out.toByteArray();
  }

  @Test
  void decodes64BitRecords() {
    byte[] bytes = tap(24, 105);
    assertEquals(96, bytes.length);
    assertEquals(List.of(new Press("left", "pressed", 1_700_000_000.25), new Press("left", "released", 1_700_000_000.5)),
        JoystickEvents.decode(bytes, 24));
  }

  @Test
  void decodes32BitRecords() {
    byte[] bytes = tap(16, 105);
    assertEquals(64, bytes.length);
    assertEquals(List.of(new Press("left", "pressed", 1_700_000_000.25), new Press("left", "released", 1_700_000_000.5)),
        JoystickEvents.decode(bytes, 16));
  }

  @Test
  void everyDirectionAndTheAutorepeat() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] codes = {103, 108, 105, 106, 28};
    for (int code : codes) {
      out.writeBytes(record(24, 1, 0, 1, code, 2));
    }
    assertEquals(List.of("up", "down", "left", "right", "enter"),
        JoystickEvents.decode(out.toByteArray(), 24).stream().map(Press::key).toList());
    assertEquals("held", JoystickEvents.decode(record(24, 1, 0, 1, 28, 2), 24).get(0).action());
  }

  @Test
  void otherKeysAndEventTypesAreSkipped() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(record(16, 1, 0, 1, 30, 1)); // KEY_A
    out.writeBytes(record(16, 1, 0, 4, 4, 105)); // EV_MSC scan code
    assertEquals(List.of(), JoystickEvents.decode(out.toByteArray(), 16));
  }

  @Test
  void partialRecordsAndOddSizesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> JoystickEvents.decode(new byte[30], 24));
    assertThrows(IllegalArgumentException.class, () -> JoystickEvents.decode(new byte[20], 20));
  }

  @Test
  void recordSizeFollowsTheArchitecture() {
    assertEquals(24, JoystickEvents.recordSize("aarch64"));
    assertEquals(24, JoystickEvents.recordSize("amd64"));
    assertEquals(16, JoystickEvents.recordSize("arm"));
  }
}

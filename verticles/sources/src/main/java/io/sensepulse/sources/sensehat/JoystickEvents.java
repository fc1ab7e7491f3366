package io.sensepulse.sources.sensehat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the joystick's {@code struct input_event} records: a timeval (two longs: 8 bytes each on
 * 64-bit kernels, 4 on 32-bit), then u16 type, u16 code, s32 value, in the CPU's byte order, which
 * is little-endian on every Raspberry Pi. Only key events become presses; EV_SYN and others are skipped.
 */
final class JoystickEvents {
  /** Record size on a 64-bit kernel (aarch64 Raspberry Pi OS). */
  static final int RECORD_64 = 24;
  /** Record size on a 32-bit kernel (armhf). */
  static final int RECORD_32 = 16;

  private static final int EV_KEY = 1;
  private static final Map<Integer, String> KEYS = Map.of(103, "up", 108, "down", 105, "left", 106, "right", 28, "enter");
  private static final Map<Integer, String> ACTIONS = Map.of(1, "pressed", 0, "released", 2, "held");

  /**
   * One joystick event.
   *
   * @param key up, down, left, right or enter (the middle push)
   * @param action pressed, released or held (the kernel's autorepeat)
   * @param timestamp the kernel's event time, seconds since the epoch
   */
  record Press(String key, String action, double timestamp) {}

  private JoystickEvents() {}

  /** The record size for a JVM on this kernel: a 32-bit JVM on a 64-bit kernel would guess wrong, which the Pi images do not ship. */
  static int recordSize(String osArch) {
    return osArch.contains("64") ? RECORD_64 : RECORD_32;
  }

  /** Decodes whole records; {@code bytes} must hold a multiple of {@code recordSize}. */
  static List<Press> decode(byte[] bytes, int recordSize) {
    if (recordSize != RECORD_64 && recordSize != RECORD_32) {
      throw new IllegalArgumentException("input_event is 16 or 24 bytes, not " + recordSize);
    }
    if (bytes.length % recordSize != 0) {
      throw new IllegalArgumentException(bytes.length + " bytes is not a whole number of " + recordSize + "-byte records");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Press> presses = new ArrayList<>();
    while (buffer.hasRemaining()) {
      long seconds = recordSize == RECORD_64 ? buffer.getLong() : Integer.toUnsignedLong(buffer.getInt());
      long micros = recordSize == RECORD_64 ? buffer.getLong() : Integer.toUnsignedLong(buffer.getInt());
      int type = Short.toUnsignedInt(buffer.getShort());
      int code = Short.toUnsignedInt(buffer.getShort());
      int value = buffer.getInt();
      decode(type, code, value, seconds + micros / 1_000_000.0).ifPresent(presses::add);
    }
    return presses;
  }

  private static Optional<Press> decode(int type, int code, int value, double timestamp) {
    if (type != EV_KEY || !KEYS.containsKey(code) || !ACTIONS.containsKey(value)) {
      return Optional.empty();
    }
    return Optional.of(new Press(KEYS.get(code), ACTIONS.get(value), timestamp));
  }
}

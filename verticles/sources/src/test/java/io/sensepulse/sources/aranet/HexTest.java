package io.sensepulse.sources.aranet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HexTest {
  @Test
  void acceptsSpacesColonsAndPrefix() {
    byte[] expected = {0x21, 0x05, (byte) 0xff};
    assertArrayEquals(expected, Hex.decode("2105ff"));
    assertArrayEquals(expected, Hex.decode(" 0x21 05 FF\n"));
    assertArrayEquals(expected, Hex.decode("21:05:ff"));
    assertEquals("2105ff", Hex.encode(expected));
  }

  @Test
  void rejectsNonHexOddAndEmpty() {
    assertEquals("not hex: 'zz' (use digits 0-9 and a-f)",
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("zz")).getMessage());
    assertEquals("odd number of hex digits (3): each byte takes two",
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("abc")).getMessage());
    assertEquals("no hex digits given",
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("  ")).getMessage());
  }
}

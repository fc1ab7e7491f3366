package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {
  private static final int WHITE = 0xFFFFFF;

  @Test
  void fullRedIs64LittleEndianF800() {
    byte[] bytes = Frame.filled(0xFF0000).toRgb565();
    assertEquals(128, bytes.length);
    for (int i = 0; i < 128; i += 2) {
      assertEquals((byte) 0x00, bytes[i]);
      assertEquals((byte) 0xF8, bytes[i + 1]);
    }
  }

  @Test
  void greenAndBlueKeepTheirTopSixAndFiveBits() {
    byte[] bytes = Frame.OFF.with(0, 0, 0x00FF00).with(1, 0, 0x0000FF).with(2, 0, 0x123456).toRgb565();
    assertArrayEquals(new byte[] {(byte) 0xE0, 0x07, 0x1F, 0x00, (byte) 0xAA, 0x11}, Arrays.copyOf(bytes, 6));
  }

  @Test
  void offIsAllZero() {
    assertArrayEquals(new byte[128], Frame.OFF.toRgb565());
  }

  /** The seventh scroll step of "1": the glyph has moved in to columns 2-6, rows 1-7. */
  @Test
  void digitOneInWhiteHasExactBytes() {
    List<Frame> frames = TextScroller.frames("1", WHITE);
    Frame expected = Frame.of(WHITE,
        "........",
        "....#...",
        "...##...",
        "....#...",
        "....#...",
        "....#...",
        "....#...",
        "...###..");
    assertEquals(expected, frames.get(6));
    byte[] bytes = frames.get(6).toRgb565();
    byte[] want = new byte[128];
    int[][] lit = {{4, 1}, {3, 2}, {4, 2}, {4, 3}, {4, 4}, {4, 5}, {4, 6}, {3, 7}, {4, 7}, {5, 7}};
    for (int[] p : lit) {
      int offset = 2 * (p[1] * 8 + p[0]);
      want[offset] = (byte) 0xFF;
      want[offset + 1] = (byte) 0xFF;
    }
    assertArrayEquals(want, bytes);
  }

  @Test
  void scrollRunsFromBlankToBlankOneColumnPerStep() {
    // "1" is 5 columns: 8 blank + 5 + 8 blank = 21 columns, 21 - 8 + 1 = 14 windows.
    List<Frame> one = TextScroller.frames("1", WHITE);
    assertEquals(14, one.size());
    assertEquals(Frame.OFF, one.get(0));
    assertEquals(Frame.OFF, one.get(13));
    // "21" is 5 + 1 gap + 5 = 11 columns: 27 - 8 + 1 = 20 windows.
    assertEquals(11, TextScroller.width("21"));
    assertEquals(20, TextScroller.frames("21", WHITE).size());
    // The glyph's first column is blank; its second enters at the right edge on step 2.
    assertEquals(Frame.OFF, one.get(1));
    assertEquals(Frame.OFF.with(7, 2, WHITE).with(7, 7, WHITE), one.get(2));
  }

  @Test
  void rotationMovesTheTopLeftCornerClockwise() {
    Frame corner = Frame.OFF.with(0, 0, 0xFF0000);
    assertEquals(corner, corner.rotated(0));
    assertEquals(Frame.OFF.with(7, 0, 0xFF0000), corner.rotated(90));
    assertEquals(Frame.OFF.with(7, 7, 0xFF0000), corner.rotated(180));
    assertEquals(Frame.OFF.with(0, 7, 0xFF0000), corner.rotated(270));
    // At 90 the top-left pixel is the 8th in the framebuffer: bytes 14 and 15.
    byte[] bytes = corner.rotated(90).toRgb565();
    assertEquals((byte) 0xF8, bytes[15]);
    assertThrows(IllegalArgumentException.class, () -> corner.rotated(45));
  }

  @Test
  void lowerCaseAndUnknownCharacters() {
    assertEquals(TextScroller.frames("HPA", WHITE), TextScroller.frames("hPa", WHITE));
    assertEquals(TextScroller.frames("?", WHITE), TextScroller.frames("€", WHITE));
  }

  @Test
  void inputsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> Frame.filled(0x1000000));
    assertThrows(IllegalArgumentException.class, () -> Frame.OFF.with(8, 0, WHITE));
    assertThrows(IllegalArgumentException.class, () -> Frame.of(WHITE, "........"));
  }

  @Test
  void hexIsSixDigitsPerPixelRowByRowFromTheTopLeft() {
    String hex = Frame.OFF.with(0, 0, 0xFF3000).with(7, 0, 0x00000A).with(0, 1, 0xABCDEF).toHex();
    assertEquals(384, hex.length());
    assertEquals("ff3000", hex.substring(0, 6));
    assertEquals("00000a", hex.substring(42, 48));
    assertEquals("abcdef", hex.substring(48, 54));
    assertEquals("000000".repeat(54), hex.substring(60));
  }
}

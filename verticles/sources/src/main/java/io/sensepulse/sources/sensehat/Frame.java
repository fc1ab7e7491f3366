package io.sensepulse.sources.sensehat;

import java.util.Arrays;

/**
 * An 8x8 picture for the LED matrix, pixels as 24-bit 0xRRGGBB, x to the right and y down as the
 * viewer sees it. Immutable.
 */
public final class Frame {
  public static final int SIZE = 8;
  /** The rpisense-fb driver's memory: 64 pixels of 16-bit RGB565, little-endian. */
  public static final int BYTES = SIZE * SIZE * 2;
  public static final Frame OFF = new Frame(new int[SIZE * SIZE]);

  private final int[] rgb;

  private Frame(int[] rgb) {
    this.rgb = rgb;
  }

  public static Frame filled(int rgb) {
    int[] pixels = new int[SIZE * SIZE];
    Arrays.fill(pixels, checkColor(rgb));
    return new Frame(pixels);
  }

  /** A frame from 8 rows of 8 characters, {@code '#'} lit in {@code rgb} and {@code '.'} off. */
  public static Frame of(int rgb, String... rows) {
    if (rows.length != SIZE) {
      throw new IllegalArgumentException("expected 8 rows, got " + rows.length);
    }
    int[] pixels = new int[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      if (!rows[y].matches("[#.]{8}")) {
        throw new IllegalArgumentException("row " + y + " '" + rows[y] + "' is not 8 of '#' or '.'");
      }
      for (int x = 0; x < SIZE; x++) {
        pixels[y * SIZE + x] = rows[y].charAt(x) == '#' ? checkColor(rgb) : 0;
      }
    }
    return new Frame(pixels);
  }

  public int pixel(int x, int y) {
    checkCoordinate(x);
    checkCoordinate(y);
    return rgb[y * SIZE + x];
  }

  public Frame with(int x, int y, int color) {
    checkCoordinate(x);
    checkCoordinate(y);
    int[] pixels = rgb.clone();
    pixels[y * SIZE + x] = checkColor(color);
    return new Frame(pixels);
  }

  /**
   * Turned clockwise by {@code degrees} (0, 90, 180, 270), as DISPLAY_ROTATION means in the Sense HAT
   * Python library: at 90 the top-left pixel lands top-right, for a HAT mounted on its side.
   */
  public Frame rotated(int degrees) {
    int[] pixels = new int[SIZE * SIZE];
    int last = SIZE - 1;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int target = switch (degrees) {
          case 0 -> y * SIZE + x;
          case 90 -> x * SIZE + (last - y);
          case 180 -> (last - y) * SIZE + (last - x);
          case 270 -> (last - x) * SIZE + y;
          default -> throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, got " + degrees);
        };
        pixels[target] = rgb[y * SIZE + x];
      }
    }
    return new Frame(pixels);
  }

  /** RGB565 little-endian, row by row from the top-left: the 128 bytes /dev/fbN takes at offset 0. */
  public byte[] toRgb565() {
    byte[] bytes = new byte[BYTES];
    for (int i = 0; i < rgb.length; i++) {
      int r = (rgb[i] >> 16) & 0xFF;
      int g = (rgb[i] >> 8) & 0xFF;
      int b = rgb[i] & 0xFF;
      int packed = ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3);
      bytes[2 * i] = (byte) packed;
      bytes[2 * i + 1] = (byte) (packed >> 8);
    }
    return bytes;
  }

  /**
   * Lowercase {@code RRGGBB} per pixel, row by row from the top-left: 384 characters, which a
   * browser turns into colours without any binary decoding.
   */
  public String toHex() {
    StringBuilder hex = new StringBuilder(rgb.length * 6);
    for (int pixel : rgb) {
      String digits = Integer.toHexString(pixel);
      hex.append("000000", digits.length(), 6).append(digits);
    }
    return hex.toString();
  }

  private static void checkCoordinate(int value) {
    if (value < 0 || value >= SIZE) {
      throw new IllegalArgumentException("coordinate " + value + " outside 0..7");
    }
  }

  private static int checkColor(int rgb) {
    if ((rgb & ~0xFFFFFF) != 0) {
      throw new IllegalArgumentException("colour 0x" + Integer.toHexString(rgb) + " is not 0xRRGGBB");
    }
    return rgb;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Frame frame && Arrays.equals(rgb, frame.rgb);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(rgb);
  }

  /** Rows of '#' (lit) and '.', so a failed comparison shows the picture. */
  @Override
  public String toString() {
    StringBuilder picture = new StringBuilder();
    for (int i = 0; i < rgb.length; i++) {
      picture.append(i % SIZE == 0 ? '\n' : "").append(rgb[i] == 0 ? '.' : '#');
    }
    return picture.toString();
  }
}

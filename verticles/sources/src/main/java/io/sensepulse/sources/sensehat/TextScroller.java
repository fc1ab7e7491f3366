package io.sensepulse.sources.sensehat;

import java.util.ArrayList;
import java.util.List;

/**
 * Text moving right to left across the matrix one pixel column per step, as the Sense HAT's
 * show_message does: it enters from the right edge and leaves by the left, so the first and last
 * frames are blank. Glyphs are 5x7 on rows 1-7 with one blank column between them.
 */
final class TextScroller {
  private static final int GAP = 1;
  private static final int TOP = Frame.SIZE - Font5x7.HEIGHT;

  private TextScroller() {}

  /** Columns the text occupies: 5 per glyph and a gap between glyphs. */
  static int width(String text) {
    return text.isEmpty() ? 0 : text.length() * (Font5x7.WIDTH + GAP) - GAP;
  }

  static List<Frame> frames(String text, int rgb) {
    // A blank screen of columns before and after, so the text scrolls fully in and out.
    int columns = Frame.SIZE + width(text) + Frame.SIZE;
    boolean[][] strip = new boolean[Frame.SIZE][columns];
    for (int i = 0; i < text.length(); i++) {
      int left = Frame.SIZE + i * (Font5x7.WIDTH + GAP);
      for (int y = 0; y < Font5x7.HEIGHT; y++) {
        for (int x = 0; x < Font5x7.WIDTH; x++) {
          strip[TOP + y][left + x] = Font5x7.lit(text.charAt(i), x, y);
        }
      }
    }
    List<Frame> frames = new ArrayList<>(columns - Frame.SIZE + 1);
    for (int start = 0; start + Frame.SIZE <= columns; start++) {
      Frame frame = Frame.OFF;
      for (int y = 0; y < Frame.SIZE; y++) {
        for (int x = 0; x < Frame.SIZE; x++) {
          if (strip[y][start + x]) {
            frame = frame.with(x, y, rgb);
          }
        }
      }
      frames.add(frame);
    }
    return frames;
  }
}

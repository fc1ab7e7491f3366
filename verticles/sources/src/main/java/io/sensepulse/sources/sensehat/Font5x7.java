package io.sensepulse.sources.sensehat;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Our own 5x7 font for the LED matrix: digits, A-Z (lower case shown as upper case: 7 rows leave
 * no room for descenders), and what readings need ({@code % ° . - : ?} and space). Any other
 * character is drawn as {@code ?} so a surprising unit still scrolls.
 */
final class Font5x7 {
  static final int WIDTH = 5;
  static final int HEIGHT = 7;

  /** Each glyph: its character, then 7 rows of 5 columns, '#' lit. */
  private static final String[] GLYPHS = {
      "A .###. #...# #...# ##### #...# #...# #...#",
      "B ####. #...# #...# ####. #...# #...# ####.",
      "C .###. #...# #.... #.... #.... #...# .###.",
      "D ###.. #..#. #...# #...# #...# #..#. ###..",
      "E ##### #.... #.... ####. #.... #.... #####",
      "F ##### #.... #.... ####. #.... #.... #....",
      "G .###. #...# #.... #.### #...# #...# .####",
      "H #...# #...# #...# ##### #...# #...# #...#",
      "I .###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
      "J ..### ...#. ...#. ...#. ...#. #..#. .##..",
      "K #...# #..#. #.#.. ##... #.#.. #..#. #...#",
      "L #.... #.... #.... #.... #.... #.... #####",
      "M #...# ##.## #.#.# #.#.# #...# #...# #...#",
      "N #...# #...# ##..# #.#.# #..## #...# #...#",
      "O .###. #...# #...# #...# #...# #...# .###.",
      "P ####. #...# #...# ####. #.... #.... #....",
      "Q .###. #...# #...# #...# #.#.# #..#. .##.#",
      "R ####. #...# #...# ####. #.#.. #..#. #...#",
      "S .#### #.... #.... .###. ....# ....# ####.",
      "T ##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
      "U #...# #...# #...# #...# #...# #...# .###.",
      "V #...# #...# #...# #...# #...# .#.#. ..#..",
      "W #...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
      "X #...# #...# .#.#. ..#.. .#.#. #...# #...#",
      "Y #...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
      "Z ##### ....# ...#. ..#.. .#... #.... #####",
      "0 .###. #...# #..## #.#.# ##..# #...# .###.",
      "1 ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
      "2 .###. #...# ....# ...#. ..#.. .#... #####",
      "3 ##### ...#. ..#.. ...#. ....# #...# .###.",
      "4 ...#. ..##. .#.#. #..#. ##### ...#. ...#.",
      "5 ##### #.... ####. ....# ....# #...# .###.",
      "6 ..##. .#... #.... ####. #...# #...# .###.",
      "7 ##### ....# ...#. ..#.. .#... .#... .#...",
      "8 .###. #...# #...# .###. #...# #...# .###.",
      "9 .###. #...# #...# .#### ....# ...#. .##..",
      "% ##... ##..# ...#. ..#.. .#... #..## ...##",
      "° .##.. #..#. #..#. .##.. ..... ..... .....",
      ". ..... ..... ..... ..... ..... .##.. .##..",
      "- ..... ..... ..... ##### ..... ..... .....",
      ": ..... .##.. .##.. ..... .##.. .##.. .....",
      "? .###. #...# ....# ...#. ..#.. ..... ..#..",
      "  ..... ..... ..... ..... ..... ..... .....",
  };

  /** Per character, 7 rows as bit masks, bit 4 the leftmost column. */
  private static final Map<Character, int[]> ROWS = new HashMap<>();

  static {
    for (String glyph : GLYPHS) {
      String[] rows = glyph.substring(2).split(" ");
      int[] masks = new int[HEIGHT];
      for (int y = 0; y < HEIGHT; y++) {
        masks[y] = Integer.parseInt(rows[y].replace('#', '1').replace('.', '0'), 2);
      }
      ROWS.put(glyph.charAt(0), masks);
    }
  }

  private Font5x7() {}

  /** Whether column {@code x} (0 leftmost) of row {@code y} (0 top) of the glyph for {@code c} is lit. */
  static boolean lit(char c, int x, int y) {
    if (x < 0 || x >= WIDTH || y < 0 || y >= HEIGHT) {
      throw new IllegalArgumentException("(" + x + ", " + y + ") outside the 5x7 cell");
    }
    int[] rows = ROWS.getOrDefault(String.valueOf(c).toUpperCase(Locale.ROOT).charAt(0), ROWS.get('?'));
    return (rows[y] & (1 << (WIDTH - 1 - x))) != 0;
  }
}

package io.sensepulse.sources.sensehat;

/** The 8x8 pictures shown before each reading scrolls by. */
final class Icons {
  private Icons() {}

  static final Frame THERMOMETER = Frame.of(0xFF3000,
      "...##...",
      "...#....",
      "...##...",
      "...#....",
      "...##...",
      "..####..",
      "..####..",
      "...##...");
  static final Frame DROP = Frame.of(0x0060FF,
      "...#....",
      "...#....",
      "..###...",
      ".#####..",
      ".#####..",
      ".#####..",
      "..###...",
      "........");
  static final Frame GAUGE = Frame.of(0x00C040,
      "..####..",
      ".#....#.",
      "#.....##",
      "#....#.#",
      "#...#..#",
      "#.......",
      ".#....#.",
      "..####..");
}

package io.sensepulse.sources.aranet;

import java.util.HexFormat;

/** Hex text as users paste it from bug reports and tools: spaces, colons and a 0x prefix allowed. */
public final class Hex {
  private Hex() {}

  public static byte[] decode(String text) {
    String digits = text.strip();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    digits = digits.replaceAll("[\\s:]", "");
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("no hex digits given");
    }
    if (!digits.matches("[0-9A-Fa-f]*")) {
      throw new IllegalArgumentException("not hex: '" + text.strip() + "' (use digits 0-9 and a-f)");
    }
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits (" + digits.length() + "): each byte takes two");
    }
    return HexFormat.of().parseHex(digits);
  }

  public static String encode(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}

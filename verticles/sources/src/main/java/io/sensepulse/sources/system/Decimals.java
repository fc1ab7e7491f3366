package io.sensepulse.sources.system;

/** The plain decimals /proc prints ({@code %lu.%02lu}); Double.parseDouble alone would also take "NaN" or "1e9". */
final class Decimals {
  private Decimals() {}

  static double parse(String field) {
    if (!field.matches("[0-9]{1,15}(\\.[0-9]{1,9})?")) {
      throw new IllegalArgumentException("'" + field + "' is not a decimal number");
    }
    return Double.parseDouble(field);
  }

  static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}

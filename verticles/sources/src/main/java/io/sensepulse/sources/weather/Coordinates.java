package io.sensepulse.sources.weather;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A WGS84 position, checked to be on Earth. */
public record Coordinates(double latitude, double longitude) {
  private static final Pattern PAIR = Pattern.compile("\\s*([-+]?\\d{1,3}(?:\\.\\d+)?)\\s*,\\s*([-+]?\\d{1,3}(?:\\.\\d+)?)\\s*");

  public Coordinates {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be between -90 and 90, got " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be between -180 and 180, got " + longitude);
    }
  }

  /** {@code "52.52,13.41"} as coordinates; empty for anything else, which is then a place name. */
  public static Optional<Coordinates> parse(String location) {
    Matcher pair = PAIR.matcher(location);
    if (!pair.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Coordinates(Double.parseDouble(pair.group(1)), Double.parseDouble(pair.group(2))));
  }

  /** As the location reading shows it and the forecast query sends it. */
  @Override
  public String toString() {
    return stripZeros(latitude) + "," + stripZeros(longitude);
  }

  private static String stripZeros(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

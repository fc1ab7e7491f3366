package io.sensepulse.sources.weather;

import java.util.Map;

/** Short words for the WMO weather interpretation codes Open-Meteo reports (its documentation's table). */
public final class WmoCodes {
  private WmoCodes() {}

  private static final Map<Integer, String> CONDITIONS = Map.ofEntries(
      Map.entry(0, "clear"),
      Map.entry(1, "mainly clear"),
      Map.entry(2, "partly cloudy"),
      Map.entry(3, "cloudy"),
      Map.entry(45, "fog"),
      Map.entry(48, "rime fog"),
      Map.entry(51, "light drizzle"),
      Map.entry(53, "drizzle"),
      Map.entry(55, "dense drizzle"),
      Map.entry(56, "light freezing drizzle"),
      Map.entry(57, "freezing drizzle"),
      Map.entry(61, "light rain"),
      Map.entry(63, "rain"),
      Map.entry(65, "heavy rain"),
      Map.entry(66, "light freezing rain"),
      Map.entry(67, "freezing rain"),
      Map.entry(71, "light snow"),
      Map.entry(73, "snow"),
      Map.entry(75, "heavy snow"),
      Map.entry(77, "snow grains"),
      Map.entry(80, "light showers"),
      Map.entry(81, "showers"),
      Map.entry(82, "violent showers"),
      Map.entry(85, "snow showers"),
      Map.entry(86, "heavy snow showers"),
      Map.entry(95, "thunderstorm"),
      Map.entry(96, "thunderstorm with hail"),
      Map.entry(99, "thunderstorm with heavy hail"));

  public static String condition(int code) {
    return CONDITIONS.getOrDefault(code, "unknown");
  }
}

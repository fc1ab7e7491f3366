package io.sensepulse.sources;

/**
 * The start of an error body on one line, for the message of a failed request (a non-200 answer
 * of tailscaled or Open-Meteo: "no backend", a proxy's HTML page). Only for services whose error
 * bodies carry no secrets; {@link io.sensepulse.common.json.JsonTree} never quotes what it parses.
 */
public final class BodySnippet {
  private BodySnippet() {}

  private static final int LENGTH = 60;

  public static String of(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= LENGTH ? line : line.substring(0, LENGTH) + "...";
  }
}

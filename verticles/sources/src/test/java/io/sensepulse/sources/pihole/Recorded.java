package io.sensepulse.sources.pihole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded Pi-hole answers under src/test/resources/pihole/. */
final class Recorded {
  private Recorded() {}

  /** The session id in v6-auth.json. */
  static final String SID = "vFA+EP4MQ5JJvJg+3Q2Jnw=";

  static String text(String name) {
    try (InputStream in = Recorded.class.getResourceAsStream("/pihole/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded answer " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.sensepulse.camera.onvif;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Camera answers as recorded, from src/test/resources/onvif. */
final class Recorded {
  private Recorded() {}

  static String read(String name) {
    try (InputStream in = Recorded.class.getResourceAsStream("/onvif/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource onvif/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

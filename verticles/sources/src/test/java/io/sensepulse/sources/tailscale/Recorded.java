package io.sensepulse.sources.tailscale;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** tailscaled's answers as recorded, from src/test/resources/tailscale. */
final class Recorded {
  private Recorded() {}

  static final String RUNNING = "status.json";
  static final String NEEDS_LOGIN = "status-needs-login.json";
  static final String STOPPED = "status-stopped.json";

  static String read(String name) {
    try (InputStream in = Recorded.class.getResourceAsStream("/tailscale/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource tailscale/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

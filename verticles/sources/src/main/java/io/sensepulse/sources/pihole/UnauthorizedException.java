package io.sensepulse.sources.pihole;

/** Pi-hole refused the credentials or the session; the message never holds either. */
public class UnauthorizedException extends IllegalArgumentException {
  public UnauthorizedException(String message) {
    super(message);
  }
}

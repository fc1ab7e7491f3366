package io.sensepulse.sources.pihole;

/** A Pi-hole call failed; the message is fit for status:pihole and never holds a secret. */
public class PiholeException extends RuntimeException {
  public PiholeException(String message) {
    super(message, null, false, false);
  }
}

package io.sensepulse.camera.onvif;

import java.util.List;

/**
 * A SOAP Fault a camera answered: its code ({@code env:Sender}), its subcodes outermost first
 * ({@code ter:NotAuthorized}) and its reason text. The values are the camera's own QName text.
 */
public final class OnvifFault extends RuntimeException {
  private final String code;
  private final List<String> subcodes;
  private final String reason;

  public OnvifFault(String code, List<String> subcodes, String reason) {
    super(describe(code, subcodes, reason));
    this.code = code;
    this.subcodes = List.copyOf(subcodes);
    this.reason = reason;
  }

  public String code() {
    return code;
  }

  public List<String> subcodes() {
    return subcodes;
  }

  public String reason() {
    return reason;
  }

  /** ter:NotAuthorized (any prefix): wrong user or password, or a Created time the camera finds stale. */
  public boolean notAuthorized() {
    return subcodes.stream().anyMatch(subcode -> localPart(subcode).equals("NotAuthorized"));
  }

  private static String localPart(String qname) {
    return qname.substring(qname.indexOf(':') + 1);
  }

  private static String describe(String code, List<String> subcodes, String reason) {
    StringBuilder text = new StringBuilder(code.isEmpty() ? "fault" : code);
    subcodes.forEach(subcode -> text.append('/').append(subcode));
    if (!reason.isEmpty()) {
      text.append(": ").append(reason);
    }
    return text.toString();
  }
}

package io.sensepulse.sources.pihole;

import io.sensepulse.common.json.JsonTree;
import java.util.Map;
import java.util.Optional;

/**
 * Pi-hole v6's answer to {@code POST /api/auth}:
 * {@code {"session":{"valid":true,"totp":false,"sid":"...","csrf":"...","validity":1800,"message":"password correct"},"took":0.04}}.
 * Without a password on the Pi-hole the session is valid with {@code sid: null} and {@code validity: -1};
 * a wrong password gives HTTP 401 with {@code valid: false} and {@code message: "password incorrect"}.
 *
 * @param sid the session id, empty when the Pi-hole needs none
 * @param validitySeconds how long the session lives unless used (each use renews it); -1 when there is none
 * @param message Pi-hole's word on the login ("password correct", "password incorrect", ...), or empty
 */
public record AuthAnswer(boolean valid, Optional<String> sid, long validitySeconds, String message) {

  public static AuthAnswer parse(String body) {
    Map<String, Object> root = JsonTree.object(JsonTree.parse(body), "answer");
    Map<String, Object> session = JsonTree.object(root, "session", "answer");
    if (!(session.get("valid") instanceof Boolean valid)) {
      throw new IllegalArgumentException("answer.session.valid is missing or not true/false");
    }
    Object sid = session.get("sid");
    if (sid != null && !(sid instanceof String text && !text.isEmpty() && text.length() <= 128)) {
      throw new IllegalArgumentException("answer.session.sid is not a session id");
    }
    long validity = session.get("validity") instanceof Number number ? number.longValue() : -1;
    if (valid && sid != null && validity <= 0) {
      throw new IllegalArgumentException("answer.session.validity is missing or not positive");
    }
    String message = session.get("message") instanceof String text ? text : "";
    return new AuthAnswer(valid, Optional.ofNullable((String) sid), validity, message);
  }

  /** Never shows the session id: records print every field otherwise. */
  @Override
  public String toString() {
    return "AuthAnswer[valid=" + valid + ", sid=" + (sid.isPresent() ? "<hidden>" : "none") + ", validity="
        + validitySeconds + ", message=" + message + "]";
  }
}

package io.sensepulse.sources.pihole;

import io.sensepulse.common.json.JsonTree;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** What every Pi-hole v5 {@code api.php} answer shares. */
final class V5 {
  private V5() {}

  /**
   * The answer as an object. v5 answers a request it does not authorise with an empty JSON array,
   * {@code []}, and HTTP 200: that becomes an {@link UnauthorizedException}.
   */
  static Map<String, Object> object(String body) {
    Object parsed = JsonTree.parse(body);
    if (parsed instanceof List<?> list && list.isEmpty()) {
      throw new UnauthorizedException("Pi-hole v5 answered [], as it does for a wrong or missing API token");
    }
    return JsonTree.object(parsed, "answer");
  }

  /**
   * The v5 API token for a web password: the WEBPASSWORD of setupVars.conf, which v5 computes as
   * the hex SHA-256 of the hex SHA-256 of the password.
   */
  static String token(String password) {
    return sha256Hex(sha256Hex(password));
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

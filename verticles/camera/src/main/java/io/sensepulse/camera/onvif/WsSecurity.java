package io.sensepulse.camera.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The WS-Security UsernameToken header ONVIF devices authenticate (OASIS UsernameToken Profile 1.0,
 * PasswordDigest): the password itself never travels, only Base64(SHA-1(nonce + created + password)).
 */
public final class WsSecurity {
  private WsSecurity() {}

  static final String WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String PASSWORD_DIGEST_TYPE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
  static final String BASE64_ENCODING =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

  /** UTC with milliseconds and a 'Z', the form every camera firmware we know accepts. */
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  /** Base64(SHA-1(nonce bytes + created as UTF-8 + password as UTF-8)). */
  public static String passwordDigest(byte[] nonce, String created, String password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(nonce);
      sha1.update(created.getBytes(StandardCharsets.UTF_8));
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** The {@code wsu:Created} text for an instant on the camera's clock. */
  public static String created(Instant cameraTime) {
    return CREATED.format(cameraTime.truncatedTo(ChronoUnit.MILLIS));
  }

  /** The {@code wsse:Security} header element for a SOAP 1.2 envelope whose prefix is {@code s}. */
  public static String header(String username, String password, byte[] nonce, Instant cameraTime) {
    String created = created(cameraTime);
    return "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"" + WSSE_NS + "\" xmlns:wsu=\"" + WSU_NS + "\">"
        + "<wsse:UsernameToken>"
        + "<wsse:Username>" + SafeXml.escape(username) + "</wsse:Username>"
        + "<wsse:Password Type=\"" + PASSWORD_DIGEST_TYPE + "\">" + passwordDigest(nonce, created, password) + "</wsse:Password>"
        + "<wsse:Nonce EncodingType=\"" + BASE64_ENCODING + "\">" + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce>"
        + "<wsu:Created>" + created + "</wsu:Created>"
        + "</wsse:UsernameToken>"
        + "</wsse:Security>";
  }
}

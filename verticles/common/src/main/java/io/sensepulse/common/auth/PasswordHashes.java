package io.sensepulse.common.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * bcrypt password hashes, as the original Sense Pulse stored them ({@code $2b$12$...} from Python's
 * bcrypt; {@code $2a$} and {@code $2y$} verify too). Verifying costs tens to hundreds of
 * milliseconds on a Pi: callers keep it off the event loop.
 */
public final class PasswordHashes {
  private PasswordHashes() {}

  /** Python's bcrypt default; about a second per check on a Pi 3B, paid once per sign-in. */
  public static final int COST = 12;
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  public static boolean isValidHash(String hash) {
    return hash != null && BCRYPT.matcher(hash).matches();
  }

  public static String hash(char[] password) {
    return new String(BCrypt.with(BCrypt.Version.VERSION_2B).hash(COST, password), StandardCharsets.US_ASCII);
  }

  /** False for a wrong password and for a hash that is not bcrypt. */
  public static boolean verify(char[] password, String hash) {
    if (!isValidHash(hash)) {
      return false;
    }
    return BCrypt.verifyer().verify(password, hash.toCharArray()).verified;
  }
}

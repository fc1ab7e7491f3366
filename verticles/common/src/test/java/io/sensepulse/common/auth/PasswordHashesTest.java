package io.sensepulse.common.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {
  /** The shape Python's bcrypt writes ($2b$, cost, 22-char salt, 31-char digest); checked for shape only. */
  private static final String PYTHON_SHAPED_2B = "$2b$04$qQHZ4r3Ufq4bRxmMZtW2TefK0lIK7SP2jvn8Q9uWmO.yAC0XQUQbe";

  @Test
  void verifiesVersion2bAsPythonWritesItAndOtherBcryptVersions() {
    String python = new String(BCrypt.with(BCrypt.Version.VERSION_2B).hash(4, "hunter2".toCharArray()));
    assertTrue(PasswordHashes.verify("hunter2".toCharArray(), python));
    assertFalse(PasswordHashes.verify("hunter3".toCharArray(), python));
    String legacy2a = BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(4, "pw".toCharArray());
    assertTrue(PasswordHashes.verify("pw".toCharArray(), legacy2a));
    assertTrue(PasswordHashes.isValidHash(PYTHON_SHAPED_2B));
  }

  @Test
  void ourHashesUseVersion2bAtTheDefaultCost() {
    String hash = PasswordHashes.hash("correct horse".toCharArray());
    assertTrue(hash.startsWith("$2b$12$"), hash);
    assertTrue(PasswordHashes.verify("correct horse".toCharArray(), hash));
  }

  @Test
  void anythingThatIsNotBcryptIsNeitherValidNorVerified() {
    assertFalse(PasswordHashes.isValidHash(null));
    assertFalse(PasswordHashes.isValidHash("hunter2"));
    assertFalse(PasswordHashes.isValidHash("$2b$04$short"));
    assertFalse(PasswordHashes.isValidHash("$1$abcdefgh$0123456789012345678901"));
    assertFalse(PasswordHashes.verify("hunter2".toCharArray(), "hunter2"));
  }
}

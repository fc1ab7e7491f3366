package io.sensepulse.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that signs CSRF tokens: random per hub, kept in {@code csrf.secret} in the data folder
 * (owner-only) so tokens a phone holds survive a restart of the hub.
 */
final class CsrfSecret {
  private CsrfSecret() {}

  static final String FILE = "csrf.secret";
  /** 32 random bytes, base64url without padding. */
  private static final int LENGTH = 43;

  static Future<String> load(Vertx vertx, Path dataDir) {
    return vertx.executeBlocking(() -> readOrCreate(dataDir.resolve(FILE)));
  }

  private static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (existing.length() >= LENGTH) {
        return existing;
      }
      // Truncated or emptied by hand: a new key only invalidates tokens, which the dashboard renews.
      Files.delete(file);
    }
    Files.createDirectories(file.getParent());
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      Files.writeString(createOwnerOnly(file), secret, StandardCharsets.US_ASCII);
      return secret;
    } catch (FileAlreadyExistsException raced) {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
  }

  private static Path createOwnerOnly(Path file) throws IOException {
    try {
      return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createFile(file);
    }
  }
}

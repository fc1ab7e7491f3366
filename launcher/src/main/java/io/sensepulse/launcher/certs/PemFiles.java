package io.sensepulse.launcher.certs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * PEM files with the JDK alone: certificates (one or more) and unencrypted PKCS#8 private keys, the
 * formats Vert.x's PemKeyCertOptions and PemTrustOptions read. Key bytes are zeroed after use.
 */
final class PemFiles {
  private static final Set<PosixFilePermission> KEY_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
  private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String KEY_END = "-----END PRIVATE KEY-----";

  private PemFiles() {}

  /** All certificates in the file, in order; fails if there are none. */
  static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
    List<X509Certificate> result = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        result.add((X509Certificate) certificate);
      }
    }
    if (result.isEmpty()) {
      throw new GeneralSecurityException(file + " holds no certificate");
    }
    return result;
  }

  /** An unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}) of the given algorithm (EC, RSA). */
  static PrivateKey readPrivateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
    byte[] pem = Files.readAllBytes(file);
    byte[] der = null;
    try {
      int begin = indexOf(pem, KEY_BEGIN.getBytes(StandardCharsets.US_ASCII), 0);
      int end = begin < 0 ? -1 : indexOf(pem, KEY_END.getBytes(StandardCharsets.US_ASCII), begin);
      if (end < 0) {
        throw new GeneralSecurityException(file + " is not an unencrypted PKCS#8 PEM key (" + KEY_BEGIN
            + "); convert one with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW");
      }
      int from = begin + KEY_BEGIN.length();
      der = Base64.getMimeDecoder().decode(Arrays.copyOfRange(pem, from, end));
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException(file + " is not valid PEM: " + e.getMessage());
    } finally {
      Arrays.fill(pem, (byte) 0);
      if (der != null) {
        Arrays.fill(der, (byte) 0);
      }
    }
  }

  /** Writes certificates as PEM, readable by all (they are public), replacing the file. */
  static void writeCertificates(Path file, List<X509Certificate> certificates)
      throws IOException, CertificateEncodingException {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      pem.append("-----BEGIN CERTIFICATE-----\n")
          .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    write(file, pem.toString().getBytes(StandardCharsets.US_ASCII), PUBLIC_PERMISSIONS);
  }

  /** Writes the key as PKCS#8 PEM, replacing the file, which is rw------- from its creation on. */
  static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    byte[] der = key.getEncoded();
    byte[] base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der);
    byte[] begin = (KEY_BEGIN + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("\n" + KEY_END + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] pem = new byte[begin.length + base64.length + end.length];
    System.arraycopy(begin, 0, pem, 0, begin.length);
    System.arraycopy(base64, 0, pem, begin.length, base64.length);
    System.arraycopy(end, 0, pem, begin.length + base64.length, end.length);
    try {
      write(file, pem, KEY_PERMISSIONS);
    } finally {
      Arrays.fill(der, (byte) 0);
      Arrays.fill(base64, (byte) 0);
      Arrays.fill(pem, (byte) 0);
    }
  }

  /**
   * A temporary file created with its final permissions, then moved into place: readers never see
   * a half-written file, and a key is never readable by others, not even for a moment.
   */
  private static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
        PosixFilePermissions.asFileAttribute(permissions));
    try {
      Files.write(temporary, content);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

package io.sensepulse.launcher.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a node's bus certificate before Vert.x uses it, so a wrong file stops the node with a clear
 * message instead of failing every TLS handshake later: the key belongs to the certificate, and the
 * certificate chains to (only) the rig CA and is valid today.
 */
public final class NodeCertificateCheck {
  private NodeCertificateCheck() {}

  /** Returns the node's certificate; throws IllegalStateException saying what is wrong. */
  public static X509Certificate verify(Path caFile, Path certificateFile, Path keyFile) {
    List<X509Certificate> cas = read(caFile);
    List<X509Certificate> chain = read(certificateFile);
    X509Certificate leaf = chain.get(0);
    PrivateKey key;
    try {
      key = PemFiles.readPrivateKey(keyFile, leaf.getPublicKey().getAlgorithm());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the key " + keyFile + ": " + e.getMessage(), e);
    }
    if (!belongTogether(key, leaf)) {
      throw new IllegalStateException(keyFile + " is not the key of the certificate in " + certificateFile);
    }
    try {
      validate(chain, cas);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(certificateFile + " is not a valid certificate of the rig CA in " + caFile
          + ": " + e.getMessage(), e);
    }
    return leaf;
  }

  private static List<X509Certificate> read(Path file) {
    try {
      return PemFiles.readCertificates(file);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the certificates in " + file + ": " + e.getMessage(), e);
    }
  }

  /** Signs a challenge with the key and verifies it with the certificate: works for any key type. */
  private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new IllegalStateException("unsupported key type " + key.getAlgorithm() + " (use EC or RSA)");
    };
    byte[] challenge = "sense-pulse bus key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** PKIX with the CA file's certificates as the only anchors; no revocation lists in a rig. */
  private static void validate(List<X509Certificate> chain, List<X509Certificate> cas) throws GeneralSecurityException {
    Set<TrustAnchor> anchors = new HashSet<>();
    for (X509Certificate ca : cas) {
      anchors.add(new TrustAnchor(ca, null));
    }
    // The chain file ends with the CA certificate; PKIX wants the path without its anchor.
    List<X509Certificate> path = chain.stream().filter(certificate -> !cas.contains(certificate)).toList();
    if (path.isEmpty()) {
      throw new GeneralSecurityException("it holds only the CA certificate, not a node certificate");
    }
    PKIXParameters parameters = new PKIXParameters(anchors);
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
  }
}

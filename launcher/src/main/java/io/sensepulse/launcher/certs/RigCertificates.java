package io.sensepulse.launcher.certs;

import io.sensepulse.common.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;

/**
 * The rig's small certificate authority and the node certificates it issues, as files in one
 * folder ({@code <data_dir>/certs}): {@code ca.pem}, {@code ca-key.pem}, {@code <id>.pem} (the
 * node certificate followed by the CA's) and {@code <id>-key.pem}. Keys are rw------- for the owner.
 */
public final class RigCertificates {
  public static final String FOLDER = "certs";
  /** Host names; underscores too, because node ids (CAM_L) may have them and go into the SAN. */
  private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_][A-Za-z0-9_-]{0,62})*");

  private RigCertificates() {}

  /** A node's certificate chain and key files. */
  public record NodeFiles(Path certificate, Path key) {}

  public static Path caCertificate(Path folder) {
    return folder.resolve("ca.pem");
  }

  public static Path caKey(Path folder) {
    return folder.resolve("ca-key.pem");
  }

  public static NodeFiles nodeFiles(Path folder, String nodeId) {
    requireNodeId(nodeId);
    return new NodeFiles(folder.resolve(nodeId + ".pem"), folder.resolve(nodeId + "-key.pem"));
  }

  /** Creates a new CA; refuses to replace one unless {@code force}, since that orphans every node certificate. */
  public static Path init(Path folder, boolean force) throws IOException, GeneralSecurityException {
    Path certificate = caCertificate(folder);
    Path key = caKey(folder);
    if (!force && (Files.exists(certificate) || Files.exists(key))) {
      throw new IllegalStateException("a rig CA already exists in " + folder + "; replacing it (--force) means "
          + "issuing and copying every node certificate again");
    }
    createFolder(folder);
    byte[] tag = new byte[4];
    new SecureRandom().nextBytes(tag);
    // A tag in the name tells two rigs' CAs apart when someone inspects a certificate.
    String name = "Sense Pulse rig CA " + HexFormat.of().formatHex(tag);
    CertificateIssuer.Issued ca = new CertificateIssuer().ca(name);
    PemFiles.writePrivateKey(key, ca.key());
    PemFiles.writeCertificates(certificate, List.of(ca.certificate()));
    return certificate;
  }

  /**
   * Issues a certificate for {@code nodeId} signed by the CA in {@code folder}, valid for the node
   * id, {@code localhost} and {@code hosts} (names or IP addresses).
   */
  public static NodeFiles issueNode(Path folder, String nodeId, List<String> hosts, boolean force)
      throws IOException, GeneralSecurityException {
    NodeFiles files = nodeFiles(folder, nodeId);
    List<GeneralName> altNames = altNames(nodeId, hosts);
    Path caCertificate = caCertificate(folder);
    Path caKey = caKey(folder);
    if (!Files.exists(caCertificate) || !Files.exists(caKey)) {
      throw new IllegalStateException("no rig CA in " + folder + " (" + caCertificate.getFileName() + ", "
          + caKey.getFileName() + "): run 'pulse certs init' first, on the machine that keeps the CA");
    }
    if (!force && (Files.exists(files.certificate()) || Files.exists(files.key()))) {
      throw new IllegalStateException(files.certificate() + " already exists; use --force to issue a new one");
    }
    X509Certificate caCert = PemFiles.readCertificates(caCertificate).get(0);
    PrivateKey caPrivate = PemFiles.readPrivateKey(caKey, caCert.getPublicKey().getAlgorithm());
    CertificateIssuer.Issued node = new CertificateIssuer().node(new CertificateIssuer.Issued(caCert, caPrivate),
        nodeId, altNames);
    PemFiles.writePrivateKey(files.key(), node.key());
    PemFiles.writeCertificates(files.certificate(), List.of(node.certificate(), caCert));
    return files;
  }

  /** Node ids become file names next to the CA's: "ca" would overwrite it. */
  private static void requireNodeId(String nodeId) {
    Ids.requireNodeId(nodeId);
    if (nodeId.toLowerCase(Locale.ROOT).equals("ca")) {
      throw new IllegalArgumentException("'ca' cannot be a node id here: its files would be the CA's");
    }
  }

  private static List<GeneralName> altNames(String nodeId, List<String> hosts) {
    Set<String> names = new LinkedHashSet<>(List.of(nodeId, "localhost"));
    names.addAll(hosts);
    List<GeneralName> result = new ArrayList<>();
    for (String name : names) {
      result.add(altName(name));
    }
    return result;
  }

  private static GeneralName altName(String host) {
    if (IPAddress.isValidIPv4(host) || IPAddress.isValidIPv6(host)) {
      return new GeneralName(GeneralName.iPAddress, host);
    }
    if (DNS_NAME.matcher(host).matches()) {
      return new GeneralName(GeneralName.dNSName, host);
    }
    throw new IllegalArgumentException("'" + host + "' is neither a host name nor an IP address");
  }

  /** The folder holds private keys: only the owner may list or enter it. */
  private static void createFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder.toAbsolutePath().getParent());
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
  }
}

package io.sensepulse.launcher.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RigCertificatesTest {
  private static final int DNS = 2;
  private static final int IP = 7;

  @TempDir
  Path data;

  @Test
  void initAndNodeWritePemThatVerifiesAgainstTheCa() throws Exception {
    Path folder = data.resolve("certs");
    Path ca = RigCertificates.init(folder, false);
    RigCertificates.NodeFiles node = RigCertificates.issueNode(folder, "CAM_L", List.of("100.64.0.21", "cam-l.tail"), false);

    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(RigCertificates.caKey(folder))));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node.key())));
    assertTrue(Files.readString(node.key()).startsWith("-----BEGIN PRIVATE KEY-----\n"));

    X509Certificate caCert = PemFiles.readCertificates(ca).get(0);
    assertEquals(0, caCert.getBasicConstraints());
    assertTrue(caCert.getKeyUsage()[5], "keyCertSign");
    assertTrue(caCert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(3600))));
    assertEquals("EC", PemFiles.readPrivateKey(RigCertificates.caKey(folder), "EC").getAlgorithm());

    List<X509Certificate> chain = PemFiles.readCertificates(node.certificate());
    assertEquals(2, chain.size());
    assertEquals(caCert, chain.get(1));
    X509Certificate leaf = chain.get(0);
    leaf.verify(caCert.getPublicKey());
    assertEquals("CN=CAM_L,O=Sense Pulse", leaf.getSubjectX500Principal().getName());
    assertEquals("SHA256withECDSA", leaf.getSigAlgName());
    assertEquals(-1, leaf.getBasicConstraints());
    assertTrue(leaf.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")));
    assertTrue(leaf.getSubjectAlternativeNames().containsAll(List.of(
        List.of(DNS, "CAM_L"), List.of(DNS, "localhost"), List.of(IP, "100.64.0.21"), List.of(DNS, "cam-l.tail"))),
        String.valueOf(leaf.getSubjectAlternativeNames()));

    assertEquals(leaf, NodeCertificateCheck.verify(ca, node.certificate(), node.key()));
  }

  @Test
  void initRefusesToReplaceACaUnlessForced() throws Exception {
    Path folder = data.resolve("certs");
    RigCertificates.init(folder, false);
    String before = Files.readString(RigCertificates.caCertificate(folder));

    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RigCertificates.init(folder, false));
    assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
    assertEquals(before, Files.readString(RigCertificates.caCertificate(folder)));

    RigCertificates.init(folder, true);
    assertTrue(!before.equals(Files.readString(RigCertificates.caCertificate(folder))));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(RigCertificates.caKey(folder))));
  }

  @Test
  void nodeNeedsACaAndValidNames() throws Exception {
    Path folder = data.resolve("certs");
    IllegalStateException noCa = assertThrows(IllegalStateException.class,
        () -> RigCertificates.issueNode(folder, "CAM_L", List.of(), false));
    assertTrue(noCa.getMessage().contains("pulse certs init"), noCa.getMessage());

    RigCertificates.init(folder, false);
    assertThrows(IllegalArgumentException.class, () -> RigCertificates.issueNode(folder, "../evil", List.of(), false));
    assertThrows(IllegalArgumentException.class, () -> RigCertificates.issueNode(folder, "ca", List.of(), false));
    assertThrows(IllegalArgumentException.class, () -> RigCertificates.issueNode(folder, "CAM_L", List.of("a b"), false));

    RigCertificates.issueNode(folder, "CAM_L", List.of("::1"), false);
    assertThrows(IllegalStateException.class, () -> RigCertificates.issueNode(folder, "CAM_L", List.of(), false));
    RigCertificates.issueNode(folder, "CAM_L", List.of(), true);
  }

  @Test
  void theCheckRejectsAnotherCasCertificateAndAForeignKey() throws Exception {
    Path rig = data.resolve("rig");
    Path other = data.resolve("other");
    RigCertificates.init(rig, false);
    RigCertificates.init(other, false);
    RigCertificates.NodeFiles ours = RigCertificates.issueNode(rig, "A", List.of(), false);
    RigCertificates.NodeFiles theirs = RigCertificates.issueNode(other, "A", List.of(), false);

    IllegalStateException foreignCa = assertThrows(IllegalStateException.class,
        () -> NodeCertificateCheck.verify(RigCertificates.caCertificate(rig), theirs.certificate(), theirs.key()));
    assertTrue(foreignCa.getMessage().contains("not a valid certificate of the rig CA"), foreignCa.getMessage());

    IllegalStateException wrongKey = assertThrows(IllegalStateException.class,
        () -> NodeCertificateCheck.verify(RigCertificates.caCertificate(rig), ours.certificate(), theirs.key()));
    assertTrue(wrongKey.getMessage().contains("is not the key of the certificate"), wrongKey.getMessage());
  }
}

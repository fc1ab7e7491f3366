package io.sensepulse.launcher;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.launcher.certs.NodeCertificateCheck;
import io.sensepulse.launcher.certs.RigCertificates;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * TLS with client certificates on the clustered event bus: every node presents a certificate of the
 * rig CA and accepts only peers that do. Runs before Vert.x is built (file reads, key checks).
 */
final class BusTls {
  private static final Logger LOG = Logger.getLogger(BusTls.class.getName());
  static final String MODE = "bus_tls";
  static final String FOLDER = "bus_tls_dir";
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  enum Mode { AUTO, TRUE, FALSE }

  private BusTls() {}

  /** Sets TLS on {@code bus} as {@code bus_tls} asks; throws with a clear message when it cannot. */
  static void configure(EventBusOptions bus, JsonObject config, PulseSettings settings) {
    Mode mode = mode(config);
    if (mode == Mode.FALSE) {
      LOG.warning("event bus between nodes is NOT encrypted or authenticated (bus_tls=false): anyone who can "
          + "join the Hazelcast cluster can read and send bus messages");
      return;
    }
    Path folder = folder(config, settings);
    Path ca = RigCertificates.caCertificate(folder);
    RigCertificates.NodeFiles node = RigCertificates.nodeFiles(folder, settings.nodeId());
    List<Path> missing = new ArrayList<>();
    for (Path file : List.of(ca, node.certificate(), node.key())) {
      if (!Files.isRegularFile(file)) {
        missing.add(file);
      }
    }
    String howToFix = "create them with 'pulse certs init' (once, on the hub) and 'pulse certs node "
        + settings.nodeId() + "', then copy ca.pem, " + settings.nodeId() + ".pem and " + settings.nodeId()
        + "-key.pem into " + folder;
    if (!missing.isEmpty() && mode == Mode.TRUE) {
      throw new IllegalStateException("bus_tls is true but these files are missing: " + missing + "; " + howToFix);
    }
    if (!missing.isEmpty()) {
      LOG.warning("event bus between nodes is NOT encrypted or authenticated: no certificates (missing "
          + missing + "), so anyone who can join the Hazelcast cluster can read and send bus messages; "
          + howToFix + " (bus_tls=auto uses them when present)");
      return;
    }
    X509Certificate certificate = NodeCertificateCheck.verify(ca, node.certificate(), node.key());
    warnIfShared(node.key());
    // Nodes dial each other by IP address, so there is no host name to verify: a peer's identity is
    // "holds a certificate of the rig CA". Vert.x's clustered bus client already disables hostname
    // verification (EventBusOptions has no such setting); trust is ca.pem alone, never the JDK's CAs.
    bus.setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()))
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(node.certificate().toString())
            .setKeyPath(node.key().toString()));
    LOG.info("event bus between nodes: TLS, client certificates required, trusting only " + ca + "; this node is "
        + certificate.getSubjectX500Principal().getName() + " until " + certificate.getNotAfter().toInstant());
  }

  static Mode mode(JsonObject config) {
    Object raw = config.getValue(MODE);
    String value = raw == null ? "auto" : raw.toString().trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "auto", "" -> Mode.AUTO;
      case "true" -> Mode.TRUE;
      case "false" -> Mode.FALSE;
      default -> throw new IllegalArgumentException(MODE + " must be auto, true or false, got '" + raw + "'");
    };
  }

  /** {@code bus_tls_dir}, else {@code <data_dir>/certs}: where {@code pulse certs} writes too. */
  static Path folder(JsonObject config, PulseSettings settings) {
    Object raw = config.getValue(FOLDER);
    if (raw == null || raw.toString().isBlank()) {
      return settings.dataDir().resolve(RigCertificates.FOLDER);
    }
    return Path.of(raw.toString().trim());
  }

  /** A key others can read is no secret; say so, but do not refuse (it may be a deliberate group setup). */
  private static void warnIfShared(Path key) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(key);
      permissions.retainAll(OTHERS);
      if (!permissions.isEmpty()) {
        LOG.warning(key + " is accessible to other users; restrict it with: chmod 600 " + key);
      }
    } catch (UnsupportedOperationException | IOException e) {
      LOG.fine("cannot read the permissions of " + key + ": " + e.getMessage());
    }
  }
}

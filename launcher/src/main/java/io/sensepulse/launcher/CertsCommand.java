package io.sensepulse.launcher;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.launcher.certs.RigCertificates;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pulse certs init|node}: the rig CA and node certificates for TLS on the event bus, in the
 * folder a node reads them from ({@code bus_tls_dir}, else {@code <data_dir>/certs}).
 */
final class CertsCommand {
  static final String USAGE = """
        pulse certs init [--data-dir DIR] [--conf FILE] [--force]
                                                        create the rig CA (once, on the hub)
        pulse certs node ID [--host NAME-OR-IP]... [--data-dir DIR] [--conf FILE] [--force]
                                                        issue node ID's bus certificate
      """;

  private CertsCommand() {}

  /** The parsed command line. */
  record Options(String action, String nodeId, List<String> hosts, String confFile, JsonObject overrides,
      boolean force) {

    static Options parse(List<String> args) {
      if (args.isEmpty() || !(args.get(0).equals("init") || args.get(0).equals("node"))) {
        throw new IllegalArgumentException("expected 'certs init' or 'certs node ID'");
      }
      String action = args.get(0);
      int next = 1;
      String nodeId = null;
      if (action.equals("node")) {
        if (args.size() < 2 || args.get(1).startsWith("-")) {
          throw new IllegalArgumentException("certs node needs the node id, for example: pulse certs node CAM_L");
        }
        nodeId = args.get(1);
        next = 2;
      }
      List<String> hosts = new ArrayList<>();
      String confFile = LaunchOptions.DEFAULT_CONF;
      JsonObject overrides = new JsonObject();
      boolean force = false;
      for (int i = next; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--force" -> force = true;
          case "--data-dir" -> overrides.put(PulseSettings.DATA_DIR, value(args, ++i, arg));
          case "--conf" -> confFile = value(args, ++i, arg);
          case "--host" -> {
            if (nodeId == null) {
              throw new IllegalArgumentException("--host belongs to 'certs node'");
            }
            for (String host : value(args, ++i, arg).split(",")) {
              if (!host.isBlank()) {
                hosts.add(host.trim());
              }
            }
          }
          default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
      }
      return new Options(action, nodeId, List.copyOf(hosts), confFile, overrides, force);
    }

    private static String value(List<String> args, int index, String option) {
      if (index >= args.size() || args.get(index).isBlank()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args.get(index);
    }
  }

  /** Runs {@code certs ...} (the arguments after "certs"); returns the exit status. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    Options options;
    Path folder;
    try {
      options = Options.parse(args);
      JsonObject config = NodeLauncher.loadConfig(options.confFile(), options.overrides());
      folder = BusTls.folder(config, PulseSettings.from(config)).toAbsolutePath();
    } catch (RuntimeException e) {
      err.println("pulse certs: " + e.getMessage());
      err.print("usage:\n" + USAGE);
      return 2;
    }
    try {
      if (options.action().equals("init")) {
        init(folder, options.force(), out);
      } else {
        node(folder, options, out);
      }
      return 0;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      err.println("pulse certs: " + e.getMessage());
      return 1;
    }
  }

  private static void init(Path folder, boolean force, PrintStream out) throws IOException, GeneralSecurityException {
    Path certificate = RigCertificates.init(folder, force);
    out.println("Rig CA created:");
    out.println("  " + certificate + "  (CA certificate, goes to every node)");
    out.println("  " + RigCertificates.caKey(folder) + "  (CA private key, mode 600: keep it on this machine only)");
    out.println("Next, for each node, the hub included: pulse certs node ID [--host ITS-CLUSTER-ADDRESS]");
  }

  private static void node(Path folder, Options options, PrintStream out) throws IOException, GeneralSecurityException {
    String id = options.nodeId();
    RigCertificates.NodeFiles files = RigCertificates.issueNode(folder, id, options.hosts(), options.force());
    List<String> names = new ArrayList<>(List.of(id, "localhost"));
    names.addAll(options.hosts());
    out.println("Certificate for node " + id + " (valid 5 years for " + String.join(", ", names) + "):");
    out.println("  " + files.certificate() + "  (certificate chain)");
    out.println("  " + files.key() + "  (private key, mode 600)");
    out.println("If " + id + " is another machine, copy " + RigCertificates.caCertificate(folder).getFileName() + ", "
        + files.certificate().getFileName() + " and " + files.key().getFileName()
        + " into its <data_dir>/" + RigCertificates.FOLDER + "/ (keeping the key at mode 600, e.g. scp -p),"
        + " then delete the key here. Never copy ca-key.pem.");
  }
}

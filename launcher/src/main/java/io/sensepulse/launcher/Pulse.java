package io.sensepulse.launcher;

import io.sensepulse.sources.aranet.AranetCommand;
import io.vertx.core.Launcher;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/**
 * The {@code pulse} command. {@code hub} and {@code recorder} start a node role; the Vert.x CLI
 * commands ({@code run}, {@code start}, {@code stop}, {@code list}, {@code version}) go to the
 * legacy Vert.x launcher, so any single verticle can be run on its own.
 */
public final class Pulse {
  private static final String USAGE = """
      usage:
        pulse hub [--cluster] [--conf FILE]             start the hub role
        pulse recorder --node ID [--cluster] [--conf FILE]  start a recorder node (CAM_L, CAM_C, CAM_R)
        pulse passwd                                    print the bcrypt hash of a password (for AUTH_PASSWORD_HASH)
        pulse aranet scan [--timeout S]                 nearby Aranet sensors and their decoded readings (BlueZ)
        pulse aranet decode <hex> [--name NAME]         decode one Aranet manufacturer-data payload as JSON
      """ + CertsCommand.USAGE + """
        pulse run <verticle class> [-cluster] [-conf FILE]  run one verticle (Vert.x CLI)
        pulse start|stop|list ...                       manage background instances (Vert.x CLI)
      configuration: defaults < conf/pulse.json (or --conf) < PULSE_* environment; see README.md
      """;

  private Pulse() {}

  public static void main(String[] args) {
    configureLogging();
    List<String> arguments = List.of(args);
    String command = arguments.isEmpty() ? "help" : arguments.get(0);
    switch (command) {
      case "hub", "recorder" -> startNode(arguments);
      case "passwd" -> exitIfFailed(PasswdCommand.main(arguments.subList(1, arguments.size())));
      case "certs" -> exitIfFailed(CertsCommand.run(arguments.subList(1, arguments.size()), System.out, System.err));
      case "aranet" -> exitIfFailed(AranetCommand.run(arguments.subList(1, arguments.size()), System.out, System.err));
      case "help", "--help", "-h" -> System.out.print(USAGE);
      default -> new Launcher().dispatch(isVerticleClass(command) ? withRun(args) : args);
    }
  }

  private static void startNode(List<String> arguments) {
    LaunchOptions options;
    JsonObject config;
    try {
      options = LaunchOptions.parse(arguments);
      config = NodeLauncher.loadConfig(options.confFile(), options.overrides());
    } catch (RuntimeException e) {
      System.err.println("pulse: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    NodeLauncher.Node node;
    try {
      node = NodeLauncher.start(config, options.clustered()).await();
    } catch (RuntimeException e) {
      System.err.println("pulse: " + options.role() + " failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close().toCompletionStage().toCompletableFuture().get(node.shutdownGraceSeconds() + 20L, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("pulse: shutdown did not finish cleanly: " + e);
      }
    }, "pulse-shutdown"));
    System.out.println("Sense Pulse " + options.role() + " '" + node.settings().nodeId() + "' started"
        + (options.clustered() ? " in cluster '" + node.settings().clusterName() + "'" : " (local bus)"));
  }

  private static void exitIfFailed(int status) {
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * The Vert.x {@code start} command relaunches a fat jar as {@code java -jar pulse.jar <verticle> ...}
   * (it expects a Main-Verticle); a class name in first place therefore means {@code run}.
   */
  private static boolean isVerticleClass(String name) {
    if (!name.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+")) {
      return false;
    }
    try {
      Class<?> type = Class.forName(name, false, Pulse.class.getClassLoader());
      return io.vertx.core.Deployable.class.isAssignableFrom(type) || io.vertx.core.Verticle.class.isAssignableFrom(type);
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String[] withRun(String[] args) {
    String[] run = new String[args.length + 1];
    run[0] = "run";
    System.arraycopy(args, 0, run, 1, args.length);
    return run;
  }

  /** One-line log records; quiet libraries. Overridable with -Djava.util.logging.config.file. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream in = Pulse.class.getResourceAsStream("/pulse-logging.properties")) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    } catch (IOException e) {
      System.err.println("pulse: default logging configuration unreadable: " + e.getMessage());
    }
  }
}

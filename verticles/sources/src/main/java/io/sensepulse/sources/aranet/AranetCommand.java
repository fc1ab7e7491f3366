package io.sensepulse.sources.aranet;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * {@code pulse aranet}: for users checking a sensor. {@code decode <hex> [--name NAME]} prints one
 * manufacturer-data payload as JSON (invalid values null); {@code scan [--timeout S] [--bus ADDRESS]}
 * lists the Aranet devices nearby with their readings. Exit codes: 0 done, 1 scan failed, 2 bad input.
 */
public final class AranetCommand {
  private AranetCommand() {}

  static final String USAGE = """
      usage: pulse aranet decode <hex> [--name NAME]   decode one advert (manufacturer data of company 0x0702)
             pulse aranet scan [--timeout SECONDS] [--bus ADDRESS]   list nearby Aranet devices (default 10 s)""";

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, out, err, BluezScanner::new);
  }

  static int run(List<String> args, PrintStream out, PrintStream err, BiFunction<Vertx, String, BleScanner> scanners) {
    if (args.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    try {
      return switch (args.get(0)) {
        case "decode" -> decode(args.subList(1, args.size()), out);
        case "scan" -> scan(args.subList(1, args.size()), out, err, scanners);
        default -> throw new IllegalArgumentException("unknown command '" + args.get(0) + "'");
      };
    } catch (IllegalArgumentException e) {
      err.println("pulse aranet: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }

  private static int decode(List<String> args, PrintStream out) {
    String hex = null;
    String name = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--name")) {
        name = value(args, ++i, "--name");
      } else if (hex == null) {
        hex = args.get(i);
      } else {
        throw new IllegalArgumentException("decode takes one hex payload; quote it if it has spaces");
      }
    }
    if (hex == null) {
      throw new IllegalArgumentException("decode needs the hex of the manufacturer data");
    }
    out.println(AranetJson.advertisement(AranetAdverts.parse(Hex.decode(hex), name)).encodePrettily());
    return 0;
  }

  private static int scan(List<String> args, PrintStream out, PrintStream err,
      BiFunction<Vertx, String, BleScanner> scanners) {
    int timeout = AranetConfig.DEFAULT_TIMEOUT;
    String bus = null;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--timeout" -> timeout = seconds(value(args, ++i, "--timeout"));
        case "--bus" -> bus = value(args, ++i, "--bus");
        default -> throw new IllegalArgumentException("unknown scan option '" + args.get(i) + "'");
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      List<Advert> adverts = scanners.apply(vertx, bus).scan(Duration.ofSeconds(timeout))
          .toCompletionStage().toCompletableFuture()
          // Bounded so a wedged D-Bus call cannot hang the command.
          .get(timeout + 30L, TimeUnit.SECONDS);
      out.println(AranetJson.devices(adverts).encodePrettily());
      return 0;
    } catch (ExecutionException e) {
      err.println("pulse aranet: scan failed: " + e.getCause().getMessage());
      return 1;
    } catch (TimeoutException e) {
      err.println("pulse aranet: scan did not finish in " + (timeout + 30) + " s");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      vertx.close();
    }
  }

  private static String value(List<String> args, int at, String option) {
    if (at >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(at);
  }

  private static int seconds(String text) {
    try {
      int value = Integer.parseInt(text);
      if (value >= 1 && value <= AranetConfig.MAX_TIMEOUT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Falls through to the message below.
    }
    throw new IllegalArgumentException("--timeout must be whole seconds from 1 to " + AranetConfig.MAX_TIMEOUT
        + ", got '" + text + "'");
  }
}

package io.sensepulse.common.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts later (redis-server, a node's HTTP API, a Hazelcast seed), taken
 * below the kernel's ephemeral range. A port the kernel handed out for {@code bind(0)} can be handed
 * out again before the server binds it: Hazelcast binds each outgoing connection to such a port,
 * which is how a recorder's API port was once taken from under it. Ports below the range are never
 * handed out by the kernel, and ports given here stay a Hazelcast auto-increment window apart.
 */
public final class FreePorts {
  /** cluster.xml lets a member take the 20 ports above its configured one. */
  static final int SPACING = 24;
  private static final int LOWEST = 10_000;
  private static final TreeSet<Integer> GIVEN = new TreeSet<>();

  private FreePorts() {
  }

  /** A loopback port nothing listens on now, below the ephemeral range, apart from every one given before. */
  public static synchronized int next() {
    int[] range = belowEphemeral();
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(range[0], range[1] - SPACING);
      Integer below = GIVEN.floor(port + SPACING);
      if (below != null && below > port - SPACING) {
        continue;
      }
      if (bindable(port)) {
        GIVEN.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + range[0] + "-" + range[1]);
  }

  /** [first, end) under the ephemeral range of /proc/sys/net/ipv4/ip_local_port_range. */
  static int[] belowEphemeral() {
    int ephemeralLow = 32_768;
    try {
      // readAllLines, not readString: a /proc file states size 0, and readString trusts that
      ephemeralLow = Integer.parseInt(
          Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException unreadable) {
      // not Linux: the IANA dynamic range starts at 49152, so 32768 is below it too
    }
    if (ephemeralLow - LOWEST < 4 * SPACING) {
      throw new IllegalStateException("the ephemeral port range starts at " + ephemeralLow
          + ", leaving no room below it for test servers");
    }
    return new int[] {LOWEST, ephemeralLow};
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("0.0.0.0", port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}

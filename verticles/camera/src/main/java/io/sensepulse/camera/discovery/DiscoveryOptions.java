package io.sensepulse.camera.discovery;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * How a camera scan runs.
 *
 * @param ports the TCP ports tried on every host (RTSP: 554, and 8554 and 10554 where NVRs and
 *     restreamers listen)
 * @param connectTimeout for each connect, and again for the RTSP answer after it
 * @param totalTimeout the whole scan ends by then, with what it confirmed so far
 * @param maxInFlight connects open at once: bounds sockets and the load on a Pi's network stack
 * @param wsDiscoveryHost where the WS-Discovery Probe goes (the ONVIF multicast group), null for no probe
 * @param wsDiscoveryPort its UDP port
 * @param wsDiscoveryWindow how long answers to the Probe are collected; devices answer within a
 *     second or two (ONVIF lets them wait up to 500 ms before answering)
 */
public record DiscoveryOptions(List<Integer> ports, Duration connectTimeout, Duration totalTimeout, int maxInFlight,
    String wsDiscoveryHost, int wsDiscoveryPort, Duration wsDiscoveryWindow) {

  public static final List<Integer> RTSP_PORTS = List.of(554, 8554, 10554);
  public static final int MAX_PORTS = 16;
  public static final int MAX_IN_FLIGHT = 256;

  public DiscoveryOptions {
    if (ports == null || ports.isEmpty() || ports.size() > MAX_PORTS || new HashSet<>(ports).size() != ports.size()
        || ports.stream().anyMatch(port -> port == null || port < 1 || port > 65535)) {
      throw new IllegalArgumentException("ports must be 1-" + MAX_PORTS + " distinct TCP ports 1-65535");
    }
    ports = List.copyOf(ports);
    requireBetween("connect timeout", connectTimeout, Duration.ofMillis(10), Duration.ofSeconds(10));
    requireBetween("total timeout", totalTimeout, Duration.ofMillis(100), Duration.ofMinutes(2));
    if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
      throw new IllegalArgumentException("connects in flight must be 1-" + MAX_IN_FLIGHT + ", not " + maxInFlight);
    }
    if (wsDiscoveryHost != null) {
      Subnet.parseAddress(wsDiscoveryHost);
      if (wsDiscoveryPort < 1 || wsDiscoveryPort > 65535) {
        throw new IllegalArgumentException("WS-Discovery port must be 1-65535, not " + wsDiscoveryPort);
      }
      requireBetween("WS-Discovery window", wsDiscoveryWindow, Duration.ofMillis(10), totalTimeout);
    }
  }

  /**
   * All three RTSP ports, 500 ms per connect (a LAN host answers a SYN in milliseconds; one that is
   * not there costs the whole timeout), 64 in flight, 20 s in all (a /24 on three ports takes about
   * 6 s when few hosts exist), WS-Discovery for 3 s.
   */
  public static DiscoveryOptions defaults() {
    return new DiscoveryOptions(RTSP_PORTS, Duration.ofMillis(500), Duration.ofSeconds(20), 64,
        WsDiscovery.MULTICAST_ADDRESS, WsDiscovery.PORT, Duration.ofSeconds(3));
  }

  public DiscoveryOptions withPorts(List<Integer> otherPorts) {
    return new DiscoveryOptions(otherPorts, connectTimeout, totalTimeout, maxInFlight, wsDiscoveryHost, wsDiscoveryPort,
        wsDiscoveryWindow);
  }

  public DiscoveryOptions withTimeouts(Duration connect, Duration total) {
    return new DiscoveryOptions(ports, connect, total, maxInFlight, wsDiscoveryHost, wsDiscoveryPort,
        wsDiscoveryHost == null || wsDiscoveryWindow.compareTo(total) <= 0 ? wsDiscoveryWindow : total);
  }

  /** The Probe sent to one address (a unicast device, or a test's responder) instead of the multicast group. */
  public DiscoveryOptions withWsDiscovery(String host, int port, Duration window) {
    return new DiscoveryOptions(ports, connectTimeout, totalTimeout, maxInFlight, host, port, window);
  }

  public DiscoveryOptions withoutWsDiscovery() {
    return new DiscoveryOptions(ports, connectTimeout, totalTimeout, maxInFlight, null, 0, Duration.ZERO);
  }

  private static void requireBetween(String name, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be " + min.toMillis() + " ms to " + max.toMillis() + " ms, not "
          + (value == null ? "missing" : value.toMillis() + " ms"));
    }
  }
}

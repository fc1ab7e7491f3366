package io.sensepulse.camera.discovery;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which IPv4 subnets a camera scan covers: those of this node's physical LAN interfaces. Skipped:
 * interfaces that are down, loopback, virtual (sub-interfaces), point-to-point (VPNs), and those
 * named like container bridges and tunnels (docker, veth, br-, virbr, tailscale, wg, tun...);
 * link-local 169.254/16, /8 or wider ranges and lone /32 addresses. A subnet wider than /22 is
 * narrowed to the /22 around the node's own address (1022 hosts), the neighbourhood cameras are
 * most likely in, so a scan fits its time limit.
 */
public final class LocalSubnets {
  private LocalSubnets() {}

  /** The narrowest prefix a local subnet is scanned with. */
  public static final int WIDEST_SCANNED_PREFIX = 22;
  private static final Pattern NOT_A_LAN = Pattern.compile(
      "(docker|veth|br-|virbr|lxc|lxd|cni|flannel|cali|podman|tailscale|wg|tun|tap|zt|utun).*");
  private static final Subnet LINK_LOCAL = Subnet.parse("169.254.0.0/16");

  /** One address of one interface, as the JDK reports it. */
  public record InterfaceAddressInfo(String interfaceName, boolean up, boolean loopback, boolean virtual,
      boolean pointToPoint, String address, int prefixLength) {}

  /** The subnets to scan, in interface order, without duplicates. */
  public static List<Subnet> select(List<InterfaceAddressInfo> addresses) {
    List<Subnet> subnets = new ArrayList<>();
    for (InterfaceAddressInfo info : addresses) {
      if (!info.up() || info.loopback() || info.virtual() || info.pointToPoint()
          || NOT_A_LAN.matcher(info.interfaceName()).matches()
          || info.prefixLength() <= 8 || info.prefixLength() >= 32) {
        continue;
      }
      int address;
      try {
        address = Subnet.parseAddress(info.address());
      } catch (IllegalArgumentException notIpv4) {
        continue;
      }
      if (LINK_LOCAL.contains(address) || (address >>> 24) == 127) {
        continue;
      }
      Subnet subnet = Subnet.around(address, Math.max(info.prefixLength(), WIDEST_SCANNED_PREFIX));
      if (!subnets.contains(subnet)) {
        subnets.add(subnet);
      }
    }
    return List.copyOf(subnets);
  }

  /** This machine's interfaces through {@link #select}. Blocking (it asks the kernel): not on an event loop. */
  public static List<Subnet> ofThisMachine() {
    List<InterfaceAddressInfo> addresses = new ArrayList<>();
    try {
      for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InterfaceAddress address : network.getInterfaceAddresses()) {
          if (address.getAddress() instanceof Inet4Address ipv4) {
            addresses.add(new InterfaceAddressInfo(network.getName(), network.isUp(), network.isLoopback(),
                network.isVirtual(), network.isPointToPoint(), ipv4.getHostAddress(), address.getNetworkPrefixLength()));
          }
        }
      }
    } catch (SocketException e) {
      throw new UncheckedIOException("cannot list the network interfaces", e);
    }
    return select(addresses);
  }
}

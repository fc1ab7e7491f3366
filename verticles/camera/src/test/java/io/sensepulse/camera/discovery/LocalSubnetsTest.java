package io.sensepulse.camera.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.camera.discovery.LocalSubnets.InterfaceAddressInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalSubnetsTest {
  private static InterfaceAddressInfo lan(String name, String address, int prefix) {
    return new InterfaceAddressInfo(name, true, false, false, false, address, prefix);
  }

  @Test
  void lanSubnetsAreKeptAndWideOnesNarrowedAroundTheNodesAddress() {
    assertEquals(List.of(Subnet.parse("192.168.1.0/24"), Subnet.parse("172.16.4.0/22")),
        LocalSubnets.select(List.of(lan("eth0", "192.168.1.20", 24), lan("wlan0", "172.16.5.9", 16),
            lan("wlan1", "192.168.1.21", 24))));
  }

  @Test
  void loopbackVirtualTunnelsContainersAndOddRangesAreSkipped() {
    List<InterfaceAddressInfo> skipped = List.of(
        new InterfaceAddressInfo("lo", true, true, false, false, "127.0.0.1", 8),
        new InterfaceAddressInfo("eth1", false, false, false, false, "192.168.2.2", 24),
        new InterfaceAddressInfo("eth0:1", true, false, true, false, "192.168.3.2", 24),
        new InterfaceAddressInfo("ppp0", true, false, false, true, "10.64.0.2", 24),
        lan("docker0", "172.17.0.1", 16),
        lan("br-3f2a", "172.18.0.1", 16),
        lan("veth12ab", "172.17.0.5", 16),
        lan("tailscale0", "100.101.102.103", 32),
        lan("wg0", "10.8.0.1", 24),
        lan("eth0", "10.1.2.3", 8),
        lan("eth0", "169.254.10.20", 16),
        lan("eth0", "192.168.9.9", 32),
        lan("eth0", "fe80::1", 64));
    assertEquals(List.of(), LocalSubnets.select(skipped));
  }

  @Test
  void thisMachinesSubnetsAreLanSizedIpv4Ranges() {
    for (Subnet subnet : LocalSubnets.ofThisMachine()) {
      assertTrue(subnet.prefixLength() >= LocalSubnets.WIDEST_SCANNED_PREFIX && subnet.prefixLength() < 32, subnet.toString());
      assertTrue((subnet.network() >>> 24) != 127, subnet.toString());
    }
  }
}

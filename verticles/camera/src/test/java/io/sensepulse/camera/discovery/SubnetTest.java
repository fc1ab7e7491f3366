package io.sensepulse.camera.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetTest {
  @Test
  void aSlash29ListsItsSixHostsWithoutNetworkAndBroadcast() {
    Subnet subnet = Subnet.parse("192.0.2.0/29");
    assertEquals(List.of("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.6"), subnet.hosts());
    assertEquals(6, subnet.hostCount());
  }

  @Test
  void aSlash24HasTwoHundredFiftyFourHostsFromOneTo254() {
    List<String> hosts = Subnet.parse("192.168.1.0/24").hosts();
    assertEquals(254, hosts.size());
    assertEquals("192.168.1.1", hosts.get(0));
    assertEquals("192.168.1.254", hosts.get(253));
  }

  @Test
  void slash31AndSlash32HaveNoNetworkOrBroadcastAddress() {
    assertEquals(List.of("127.0.0.1"), Subnet.parse("127.0.0.1/32").hosts());
    assertEquals(List.of("127.0.0.1"), Subnet.parse("127.0.0.1").hosts());
    assertEquals(List.of("10.0.0.0", "10.0.0.1"), Subnet.parse("10.0.0.1/31").hosts());
  }

  @Test
  void hostBitsAreClearedAndTheHighHalfOfTheAddressSpaceWorks() {
    Subnet subnet = Subnet.parse("192.168.1.77/22");
    assertEquals("192.168.0.0/22", subnet.toString());
    assertEquals(1022, subnet.hosts().size());
    assertEquals("192.168.3.254", subnet.hosts().get(1021));
    assertTrue(subnet.contains(Subnet.parseAddress("192.168.3.1")));
    assertFalse(subnet.contains(Subnet.parseAddress("192.168.4.1")));
    assertEquals("255.255.255.254", Subnet.parse("255.255.255.252/30").hosts().get(1));
  }

  @Test
  void onlyPlainDottedQuadsParse() {
    for (String bad : new String[] {"camera.local", "192.168.1", "192.168.1.256", "192.168.01.1", "1.2.3.4.5", " 1.2.3.4", "",
        "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/x"}) {
      assertThrows(IllegalArgumentException.class, () -> Subnet.parse(bad), bad);
    }
    assertEquals("'1.2.3.4/33' is not a.b.c.d/n with n from 0 to 32",
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("1.2.3.4/33")).getMessage());
  }

  @Test
  void wideRangesAreNotListed() {
    assertEquals("10.0.0.0/8 is too wide to list",
        assertThrows(IllegalStateException.class, () -> Subnet.parse("10.0.0.0/8").hosts()).getMessage());
  }
}

package io.sensepulse.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void portsAreBelowTheEphemeralRangeAndAHazelcastWindowApart() throws IOException {
    int[] range = FreePorts.belowEphemeral();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ports.add(FreePorts.next());
    }
    for (int i = 0; i < ports.size(); i++) {
      int port = ports.get(i);
      assertTrue(port >= range[0] && port < range[1], port + " outside " + range[0] + "-" + range[1]);
      for (int j = 0; j < i; j++) {
        assertTrue(Math.abs(port - ports.get(j)) >= FreePorts.SPACING, "ports too close: " + ports);
      }
      try (ServerSocket nowBindable = new ServerSocket(port)) {
        assertTrue(nowBindable.isBound());
      }
    }
  }

  @Test
  void theKernelsOwnPortsAreAboveThem() throws IOException {
    try (ServerSocket ephemeral = new ServerSocket(0)) {
      assertTrue(ephemeral.getLocalPort() >= FreePorts.belowEphemeral()[1],
          "bind(0) gave " + ephemeral.getLocalPort() + ", inside the range kept for test servers");
    }
  }
}

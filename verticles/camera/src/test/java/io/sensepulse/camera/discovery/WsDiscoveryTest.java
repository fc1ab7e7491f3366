package io.sensepulse.camera.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sensepulse.camera.onvif.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class WsDiscoveryTest {
  static String recordedProbeMatches() throws IOException {
    try (InputStream in = WsDiscoveryTest.class.getResourceAsStream("/discovery/hikvision-ProbeMatches.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theProbeAsksForNetworkVideoTransmittersUnderItsMessageId() {
    UUID id = UUID.fromString("a48e8e5c-7b0a-4c5e-a1b3-2f6c1e0d9a77");
    Document probe = SafeXml.parse(WsDiscovery.probe(id));
    assertEquals("urn:uuid:" + id, SafeXml.firstDescendant(probe, "MessageID").orElseThrow().getTextContent());
    assertEquals("http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe",
        SafeXml.firstDescendant(probe, "Action").orElseThrow().getTextContent());
    assertEquals("http://schemas.xmlsoap.org/ws/2005/04/discovery",
        SafeXml.firstDescendant(probe, "Probe").orElseThrow().getNamespaceURI());
    assertEquals("dn:NetworkVideoTransmitter", SafeXml.firstDescendant(probe, "Types").orElseThrow().getTextContent());
  }

  @Test
  void aProbeMatchGivesTheDecodedNameAndTheDeviceHosts() throws IOException {
    List<WsDiscovery.ProbeMatch> matches = WsDiscovery.parseProbeMatches(recordedProbeMatches());
    assertEquals(1, matches.size());
    WsDiscovery.ProbeMatch match = matches.get(0);
    assertEquals(Optional.of("HIKVISION DS-2DE2A404IW-DE3"), match.name());
    assertEquals(List.of("http://192.168.1.64/onvif/device_service", "http://[fe80::4619:b6ff:fe12:3456]/onvif/device_service"),
        match.xaddrs());
    assertEquals(List.of("192.168.1.64", "[fe80::4619:b6ff:fe12:3456]"), match.hosts());
    assertEquals(8, match.scopes().size());
  }

  @Test
  void namesKeepPlusSignsAndSurviveBadEscapes() {
    assertEquals(Optional.of("Cam+1 Garden"), WsDiscovery.nameOf(List.of("onvif://www.onvif.org/name/Cam+1%20Garden")));
    assertEquals(Optional.of("Bad%G1"), WsDiscovery.nameOf(List.of("onvif://www.onvif.org/name/Bad%G1")));
    assertEquals(Optional.empty(), WsDiscovery.nameOf(List.of("onvif://www.onvif.org/hardware/IPC", "onvif://www.onvif.org/name/")));
  }

  @Test
  void anythingButXmlIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> WsDiscovery.parseProbeMatches("M-SEARCH * HTTP/1.1\r\n"));
    assertEquals(List.of(), WsDiscovery.parseProbeMatches("<Envelope/>"));
  }
}

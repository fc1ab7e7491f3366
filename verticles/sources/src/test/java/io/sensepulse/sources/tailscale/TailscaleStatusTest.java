package io.sensepulse.sources.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TailscaleStatusTest {

  @Test
  void runningStatusGivesStateOwnIpsAndPeersByMagicDnsName() {
    TailscaleStatus status = TailscaleStatus.parse(Recorded.read(Recorded.RUNNING));

    assertEquals("Running", status.backendState());
    assertEquals(List.of("100.101.102.103", "fd7a:115c:a1e0::e901:6667"), status.selfIps());
    // friends-nas is shared into the tailnet (ShareeNode) and left out, as `tailscale status` does.
    assertEquals(List.of(
            new TailscaleStatus.Peer("annas-macbook-air", "macOS", true, OptionalLong.empty()),
            new TailscaleStatus.Peer("cam-l", "linux", false,
                OptionalLong.of(Instant.parse("2025-06-13T21:40:00Z").getEpochSecond())),
            new TailscaleStatus.Peer("desktop-7q2l9vk", "windows", false,
                OptionalLong.of(Instant.parse("2025-06-10T06:15:00Z").getEpochSecond())),
            new TailscaleStatus.Peer("iphone-15", "iOS", true, OptionalLong.empty())),
        status.peers());
    assertEquals(2, status.peersOnline());
  }

  @Test
  void loggedOutAndStoppedDaemonsHaveNoPeers() {
    TailscaleStatus needsLogin = TailscaleStatus.parse(Recorded.read(Recorded.NEEDS_LOGIN));
    assertEquals("NeedsLogin", needsLogin.backendState());
    assertEquals(List.of(), needsLogin.selfIps());
    assertEquals(List.of(), needsLogin.peers());

    TailscaleStatus stopped = TailscaleStatus.parse(Recorded.read(Recorded.STOPPED));
    assertEquals("Stopped", stopped.backendState());
    assertEquals(2, stopped.selfIps().size());
    assertEquals(0, stopped.peersOnline());
  }

  @Test
  void fractionalAndOffsetTimesAreReadToTheSecond() {
    TailscaleStatus status = TailscaleStatus.parse("""
        {"BackendState":"Running","Peer":{"nodekey:1":{"HostName":"box","DNSName":"","OS":"linux",
         "Online":false,"LastSeen":"2025-06-13T23:40:00.5+02:00"}}}""");
    assertEquals(new TailscaleStatus.Peer("box", "linux", false,
        OptionalLong.of(Instant.parse("2025-06-13T21:40:00Z").getEpochSecond())), status.peers().get(0));
  }

  @Test
  void readingsCarryCountsAndThePeerListAsJsonText() {
    List<Reading> readings = TailscaleReadings.of(TailscaleStatus.parse(Recorded.read(Recorded.RUNNING)), 1_750_000_000.0);
    Map<String, Object> values = readings.stream()
        .collect(java.util.stream.Collectors.toMap(Reading::sensor, Reading::value));

    assertEquals("Running", values.get("backend_state"));
    assertEquals("100.101.102.103,fd7a:115c:a1e0::e901:6667", values.get("self_ips"));
    assertEquals(2L, values.get("peers_online"));
    assertEquals(4L, values.get("peers_total"));
    assertEquals("[{\"name\":\"annas-macbook-air\",\"os\":\"macOS\",\"online\":true,\"last_seen\":null},"
            + "{\"name\":\"cam-l\",\"os\":\"linux\",\"online\":false,\"last_seen\":1749850800},"
            + "{\"name\":\"desktop-7q2l9vk\",\"os\":\"windows\",\"online\":false,\"last_seen\":1749536100},"
            + "{\"name\":\"iphone-15\",\"os\":\"iOS\",\"online\":true,\"last_seen\":null}]",
        values.get("peers"));
    readings.forEach(reading -> assertEquals(1_750_000_000.0, reading.timestamp()));
  }

  @Test
  void answersThatAreNotAStatusAreRefusedWithAReason() {
    assertEquals("an HTML page, not JSON",
        assertThrows(IllegalArgumentException.class, () -> TailscaleStatus.parse(
            "<!DOCTYPE html>\n<html><head><title>Tailscale</title>")).getMessage());
    assertEquals("an empty answer, not JSON",
        assertThrows(IllegalArgumentException.class, () -> TailscaleStatus.parse("  ")).getMessage());
    assertEquals("the status is not a JSON object",
        assertThrows(IllegalArgumentException.class, () -> TailscaleStatus.parse("[1,2]")).getMessage());
    assertEquals("not a tailscaled status: no BackendState",
        assertThrows(IllegalArgumentException.class, () -> TailscaleStatus.parse("{\"Version\":\"1.80.3\"}")).getMessage());
    assertEquals("Online must be true or false", assertThrows(IllegalArgumentException.class, () ->
        TailscaleStatus.parse("{\"BackendState\":\"Running\",\"Peer\":{\"k\":{\"Online\":\"yes\"}}}")).getMessage());
    assertEquals("TailscaleIPs must hold strings", assertThrows(IllegalArgumentException.class, () ->
        TailscaleStatus.parse("{\"BackendState\":\"Running\",\"TailscaleIPs\":[1]}")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TailscaleStatus.parse(
            "{\"BackendState\":\"Running\",\"Peer\":{\"k\":{\"LastSeen\":\"yesterday\"}}}")).getMessage()
        .contains("LastSeen 'yesterday'"));
    assertEquals("text after the JSON value", assertThrows(IllegalArgumentException.class,
        () -> TailscaleStatus.parse("{\"BackendState\":\"Running\"} {}")).getMessage());
  }
}

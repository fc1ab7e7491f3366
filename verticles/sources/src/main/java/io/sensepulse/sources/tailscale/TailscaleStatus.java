package io.sensepulse.sources.tailscale;

import io.sensepulse.common.json.JsonTree;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What Sense Pulse shows of tailscaled's {@code GET /localapi/v0/status} (Go's ipnstate.Status):
 * the backend state, this node's Tailscale IPs and every peer's name, OS, online flag and last
 * contact with the control server.
 *
 * @param backendState NoState, NeedsLogin, NeedsMachineAuth, Stopped, Starting or Running
 * @param peers sorted by name; nodes merely shared into the tailnet are left out, as {@code tailscale status} does
 */
public record TailscaleStatus(String backendState, List<String> selfIps, List<Peer> peers) {

  /** Go's zero time.Time, which tailscaled writes for "never". */
  static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

  /**
   * @param lastSeen whole seconds since the epoch (the control server rounds it to minutes anyway),
   *     empty when tailscaled has none: it keeps one only for offline peers
   */
  public record Peer(String name, String os, boolean online, OptionalLong lastSeen) {}

  public long peersOnline() {
    return peers.stream().filter(Peer::online).count();
  }

  public static TailscaleStatus parse(String json) {
    Map<String, Object> root = JsonTree.object(JsonTree.parse(json), "the status");
    String state = JsonTree.stringOr(root, "BackendState", "");
    if (state.isBlank()) {
      throw new IllegalArgumentException("not a tailscaled status: no BackendState");
    }
    List<String> selfIps = new ArrayList<>();
    for (Object ip : JsonTree.list(root, "TailscaleIPs")) {
      if (!(ip instanceof String text)) {
        throw new IllegalArgumentException("TailscaleIPs must hold strings");
      }
      selfIps.add(text);
    }
    List<Peer> peers = new ArrayList<>();
    for (Map.Entry<String, Object> entry : JsonTree.optionalObject(root, "Peer").orElse(Map.of()).entrySet()) {
      Map<String, Object> peer = JsonTree.object(entry.getValue(), "Peer " + entry.getKey());
      if (!JsonTree.boolOr(peer, "ShareeNode", false)) {
        peers.add(new Peer(name(peer), JsonTree.stringOr(peer, "OS", ""), JsonTree.boolOr(peer, "Online", false),
            lastSeen(JsonTree.stringOr(peer, "LastSeen", GO_ZERO_TIME))));
      }
    }
    peers.sort(Comparator.comparing((Peer peer) -> peer.name().toLowerCase(Locale.ROOT)).thenComparing(Peer::name));
    return new TailscaleStatus(state, List.copyOf(selfIps), List.copyOf(peers));
  }

  /**
   * The MagicDNS name's first label, as {@code tailscale status} shows it: unique in the tailnet,
   * unlike HostName, which phones often report as "localhost".
   */
  private static String name(Map<String, Object> peer) {
    String dnsName = JsonTree.stringOr(peer, "DNSName", "");
    int dot = dnsName.indexOf('.');
    String label = dot >= 0 ? dnsName.substring(0, dot) : dnsName;
    return label.isEmpty() ? JsonTree.stringOr(peer, "HostName", "") : label;
  }

  private static OptionalLong lastSeen(String time) {
    if (time.isEmpty() || time.equals(GO_ZERO_TIME)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(OffsetDateTime.parse(time).toEpochSecond());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("LastSeen '" + time + "' is not an RFC 3339 time");
    }
  }
}

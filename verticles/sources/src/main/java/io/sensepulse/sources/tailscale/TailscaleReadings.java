package io.sensepulse.sources.tailscale;

import io.sensepulse.common.Reading;
import io.sensepulse.common.json.JsonTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The readings of the tailscale source. */
public final class TailscaleReadings {
  private TailscaleReadings() {}

  public static final String BACKEND_STATE = "backend_state";
  /** This node's Tailscale addresses, comma-separated (IPv4 first, as tailscaled lists them). */
  public static final String SELF_IPS = "self_ips";
  public static final String PEERS_ONLINE = "peers_online";
  public static final String PEERS_TOTAL = "peers_total";
  /**
   * The peers as JSON text, {@code [{name, os, online, last_seen}]} with last_seen in seconds since
   * the epoch or null: one reading, so a peer that leaves the tailnet leaves no stale key behind.
   */
  public static final String PEERS = "peers";

  public static List<Reading> of(TailscaleStatus status, double timestamp) {
    List<Map<String, Object>> peers = new ArrayList<>(status.peers().size());
    for (TailscaleStatus.Peer peer : status.peers()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", peer.name());
      entry.put("os", peer.os());
      entry.put("online", peer.online());
      entry.put("last_seen", peer.lastSeen().isPresent() ? peer.lastSeen().getAsLong() : null);
      peers.add(entry);
    }
    return List.of(
        new Reading(BACKEND_STATE, status.backendState(), "", timestamp),
        new Reading(SELF_IPS, String.join(",", status.selfIps()), "", timestamp),
        new Reading(PEERS_ONLINE, status.peersOnline(), "", timestamp),
        new Reading(PEERS_TOTAL, (long) status.peers().size(), "", timestamp),
        new Reading(PEERS, JsonTree.write(peers), "", timestamp));
  }
}

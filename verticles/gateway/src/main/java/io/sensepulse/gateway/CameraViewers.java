package io.sensepulse.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who is watching which camera, for the orchestrator's idle stop: every open live socket is a
 * viewer, and so is every client address that fetched a camera's HLS playlist in the last
 * {@link #HLS_VIEWER_MS} (players re-fetch it every second or two). Not thread safe: use it from
 * the gateway's context.
 */
final class CameraViewers {
  static final long HLS_VIEWER_MS = 10_000;

  /** One camera's viewers right now; {@code lastSeenMs} is the latest sign of any of them. */
  record Watched(String camera, int viewers, long lastSeenMs) {}

  private final Map<String, Integer> sockets = new HashMap<>();
  private final Map<String, Map<String, Long>> playlistFetches = new HashMap<>();
  private final Map<String, Long> lastSeen = new HashMap<>();

  /** True when the camera had no viewer before: worth telling the orchestrator at once. */
  boolean socketOpened(String camera, long nowMs) {
    boolean first = viewers(camera, nowMs) == 0;
    sockets.merge(camera, 1, Integer::sum);
    lastSeen.put(camera, nowMs);
    return first;
  }

  void socketClosed(String camera, long nowMs) {
    sockets.computeIfPresent(camera, (id, open) -> open > 1 ? open - 1 : null);
    lastSeen.put(camera, nowMs);
  }

  /** True when the camera had no viewer before. */
  boolean playlistFetched(String camera, String client, long nowMs) {
    boolean first = viewers(camera, nowMs) == 0;
    playlistFetches.computeIfAbsent(camera, id -> new HashMap<>()).put(client, nowMs);
    lastSeen.put(camera, nowMs);
    return first;
  }

  /** Every camera with at least one viewer now, by id; forgets HLS clients that went quiet. */
  List<Watched> watched(long nowMs) {
    List<Watched> watched = new ArrayList<>();
    TreeSet<String> cameras = new TreeSet<>(sockets.keySet());
    cameras.addAll(playlistFetches.keySet());
    for (String camera : cameras) {
      int viewers = viewers(camera, nowMs);
      if (viewers > 0) {
        watched.add(new Watched(camera, viewers, lastSeen.getOrDefault(camera, nowMs)));
      } else {
        lastSeen.remove(camera);
      }
    }
    return watched;
  }

  private int viewers(String camera, long nowMs) {
    Map<String, Long> fetches = playlistFetches.get(camera);
    int hls = 0;
    if (fetches != null) {
      fetches.values().removeIf(fetchedAt -> nowMs - fetchedAt > HLS_VIEWER_MS);
      if (fetches.isEmpty()) {
        playlistFetches.remove(camera);
      }
      hls = fetches.size();
    }
    return sockets.getOrDefault(camera, 0) + hls;
  }
}

package io.sensepulse.sources.system;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The last /proc/stat snapshot, kept in a Vert.x local map: the ephemeral verticle lives for one
 * poll, the map for the whole JVM, so each run measures CPU % since the previous one. Keyed by
 * proc root, so sources reading different trees never mix their counters.
 */
final class CpuHistory {
  static final String MAP_NAME = "pulse.sources.system.cpu";

  private final LocalMap<String, JsonObject> map;
  private final String key;

  CpuHistory(Vertx vertx, Path procRoot) {
    this.map = vertx.sharedData().getLocalMap(MAP_NAME);
    this.key = procRoot.toAbsolutePath().normalize().toString();
  }

  /** The remembered snapshot, unless it was taken more than {@code maxAge} before {@code nowNanos}. */
  Optional<CpuTimes> recent(long nowNanos, Duration maxAge) {
    JsonObject entry = map.get(key);
    if (entry == null || nowNanos - entry.getLong("at") > maxAge.toNanos()) {
      return Optional.empty();
    }
    return Optional.of(new CpuTimes(entry.getLong("idle"), entry.getLong("total")));
  }

  /** @param atNanos when the snapshot was read, on the {@link System#nanoTime()} clock */
  void remember(CpuTimes times, long atNanos) {
    map.put(key, new JsonObject().put("idle", times.idle()).put("total", times.total()).put("at", atNanos));
  }
}

package io.sensepulse.common;

import java.time.Duration;

/** Every Redis key Sense Pulse uses, declared once, with its time to live. See docs/CONTRACT.md. */
public final class RedisKeys {
  private RedisKeys() {}

  public static final String SOURCE_PREFIX = "source:";
  public static final String STATUS_PREFIX = "status:";
  public static final String CONFIG_PREFIX = "config:";
  public static final String SCAN_PREFIX = "scan:";
  /** Pub/sub channels, not keys: a process outside the JVM announces new readings on {@code data:{id}}. */
  public static final String DATA_CHANNEL_PREFIX = "data:";
  public static final String HISTORY_PREFIX = "history:";

  /** The orchestrator's own {@code status:{id}} document; not a source. */
  public static final String ORCHESTRATOR_STATUS_ID = "orchestrator";

  public static final Duration READING_TTL = Duration.ofSeconds(60);
  public static final Duration STATUS_TTL = Duration.ofSeconds(120);
  public static final Duration SCAN_TTL = Duration.ofSeconds(60);
  /** A history not appended to for a day holds nothing the 24 h chart shows. */
  public static final Duration HISTORY_TTL = Duration.ofHours(24);
  /** One point a minute for 24 hours. */
  public static final int HISTORY_MAX_POINTS = 1440;

  /** {@code source:{id}:{sensor}}: one reading, {@code {value, unit, timestamp}}; sensor may contain ':'. */
  public static String reading(String sourceId, String sensor) {
    return SOURCE_PREFIX + sourceId + ":" + sensor;
  }

  /**
   * A status outlives three refresh intervals, so a slow source (weather every 5 min) keeps its
   * status between runs; never less than {@link #STATUS_TTL}.
   */
  public static long statusTtlSeconds(io.vertx.core.json.JsonObject status) {
    Object interval = status.getValue("refresh_interval");
    long threeIntervals = interval instanceof Number number ? 3L * number.longValue() : 0;
    return Math.max(STATUS_TTL.toSeconds(), threeIntervals);
  }

  /** {@code status:{id}}: the source's status document. */
  public static String status(String sourceId) {
    return STATUS_PREFIX + sourceId;
  }

  /** {@code config:{section}}: a JSON document, no expiry. */
  public static String config(String section) {
    return CONFIG_PREFIX + section;
  }

  /** {@code data:{id}}: the Redis channel a polyglot source PUBLISHes on after writing its readings. */
  public static String dataChannel(String sourceId) {
    return DATA_CHANNEL_PREFIX + sourceId;
  }

  /** {@code history:{id}:{sensor}}: a list of {@code [timestamp, value]}, newest first, at most one a minute. */
  public static String history(String sourceId, String sensor) {
    return HISTORY_PREFIX + sourceId + ":" + sensor;
  }

  /** {@code scan:{kind}}: the latest scan result. */
  public static String scan(String kind) {
    return SCAN_PREFIX + kind;
  }
}

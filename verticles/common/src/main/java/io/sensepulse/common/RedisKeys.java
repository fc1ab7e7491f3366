package io.sensepulse.common;

import java.time.Duration;

/** Every Redis key Sense Pulse uses, declared once, with its time to live. See docs/CONTRACT.md. */
public final class RedisKeys {
  private RedisKeys() {}

  public static final String SOURCE_PREFIX = "source:";
  public static final String STATUS_PREFIX = "status:";
  public static final String CONFIG_PREFIX = "config:";
  public static final String SCAN_PREFIX = "scan:";

  /** The orchestrator's own {@code status:{id}} document; not a source. */
  public static final String ORCHESTRATOR_STATUS_ID = "orchestrator";

  public static final Duration READING_TTL = Duration.ofSeconds(60);
  public static final Duration STATUS_TTL = Duration.ofSeconds(120);
  public static final Duration SCAN_TTL = Duration.ofSeconds(60);

  /** {@code source:{id}:{sensor}}: one reading, {@code {value, unit, timestamp}}; sensor may contain ':'. */
  public static String reading(String sourceId, String sensor) {
    return SOURCE_PREFIX + sourceId + ":" + sensor;
  }

  /** {@code status:{id}}: the source's status document. */
  public static String status(String sourceId) {
    return STATUS_PREFIX + sourceId;
  }

  /** {@code config:{section}}: a JSON document, no expiry. */
  public static String config(String section) {
    return CONFIG_PREFIX + section;
  }

  /** {@code scan:{kind}}: the latest scan result. */
  public static String scan(String kind) {
    return SCAN_PREFIX + kind;
  }
}

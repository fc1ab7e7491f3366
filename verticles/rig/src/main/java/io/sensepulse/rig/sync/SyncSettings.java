package io.sensepulse.rig.sync;

import io.sensepulse.common.Ids;
import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.JsonObject;

/**
 * The sync verticle's settings from the node config, validated at start.
 *
 * @param master the node whose clock the rig follows (CAM_C)
 * @param chronyc the chronyc executable; empty to measure over the bus only
 */
public record SyncSettings(
    String nodeId,
    String master,
    double clockSkewMillis,
    int intervalSeconds,
    int rounds,
    int pingTimeoutMillis,
    String chronyc) {

  public static final String MASTER = "sync_master";
  public static final String INTERVAL = "sync_interval";
  public static final String ROUNDS = "sync_rounds";
  public static final String PING_TIMEOUT_MS = "sync_ping_timeout_ms";
  public static final String CHRONYC = "chronyc";
  public static final String CLOCK_SKEW_MS = "clock_skew_ms";
  public static final String DEFAULT_MASTER = "CAM_C";

  public static SyncSettings from(JsonObject config) {
    String nodeId = PulseSettings.from(config).nodeId();
    String master = Ids.requireNodeId(config.getString(MASTER, DEFAULT_MASTER));
    if (!(config.getValue(CHRONYC, "chronyc") instanceof String chronyc)) {
      throw new IllegalArgumentException(CHRONYC + " must be the chronyc command (or \"\" for none)");
    }
    return new SyncSettings(nodeId, master, clockSkew(config),
        PulseSettings.intIn(config, INTERVAL, 10, 1, 3600),
        PulseSettings.intIn(config, ROUNDS, 8, 1, 64),
        PulseSettings.intIn(config, PING_TIMEOUT_MS, 1000, 10, 60_000),
        chronyc.strip());
  }

  /** {@code clock_skew_ms}: an artificial shift of this node's clock, for tests and benchmarks. */
  public static double clockSkew(JsonObject config) {
    Object raw = config.getValue(CLOCK_SKEW_MS, 0);
    try {
      double skew = raw instanceof Number number ? number.doubleValue() : Double.parseDouble(raw.toString().strip());
      if (!Double.isFinite(skew) || Math.abs(skew) > 86_400_000) {
        throw new NumberFormatException();
      }
      return skew;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(CLOCK_SKEW_MS + " must be a number of milliseconds within a day, got '" + raw + "'");
    }
  }

  public boolean isMaster() {
    return nodeId.equals(master);
  }
}

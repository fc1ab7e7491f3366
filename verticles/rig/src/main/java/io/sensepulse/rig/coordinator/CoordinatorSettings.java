package io.sensepulse.rig.coordinator;

import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.Ids;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.rig.sync.SyncSettings;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's settings from the hub's config, validated at start.
 *
 * @param expectedNodes the recorders the rig should have ({@code rig_nodes}); one absent is flagged
 *     and blocks a start
 */
public record CoordinatorSettings(
    String master,
    double clockSkewMillis,
    int startLeadMillis,
    int stopLeadMillis,
    int nodeTimeoutMillis,
    boolean startBeep,
    List<String> expectedNodes,
    RigChecks.Limits limits) {

  public static final String START_LEAD_MS = "start_lead_ms";
  public static final String STOP_LEAD_MS = "stop_lead_ms";
  public static final String NODE_TIMEOUT_MS = "rig_node_timeout_ms";
  public static final String START_BEEP = "start_beep";
  public static final String RIG_NODES = "rig_nodes";
  public static final String MIN_MINUTES_LEFT = "start_min_minutes_left";
  public static final String OFFSET_TOLERANCE_MS = "offset_tolerance_ms";

  public static CoordinatorSettings from(JsonObject config) {
    List<String> nodes = new ArrayList<>();
    Object raw = config.getValue(RIG_NODES, "CAM_L,CAM_C,CAM_R");
    Iterable<?> entries = raw instanceof io.vertx.core.json.JsonArray array ? array : List.of(raw.toString().split(","));
    for (Object entry : entries) {
      String node = entry.toString().strip();
      if (!node.isEmpty()) {
        nodes.add(Ids.requireNodeId(node));
      }
    }
    return new CoordinatorSettings(
        Ids.requireNodeId(config.getString(SyncSettings.MASTER, SyncSettings.DEFAULT_MASTER)),
        SyncSettings.clockSkew(config),
        PulseSettings.intIn(config, START_LEAD_MS, 1000, 50, 60_000),
        PulseSettings.intIn(config, STOP_LEAD_MS, 500, 0, 60_000),
        PulseSettings.intIn(config, NODE_TIMEOUT_MS, 3000, 100, 60_000),
        ConfigSections.bool(config, START_BEEP, false),
        List.copyOf(nodes),
        new RigChecks.Limits(PulseSettings.intIn(config, MIN_MINUTES_LEFT, 5, 0, 10_000),
            PulseSettings.intIn(config, OFFSET_TOLERANCE_MS, 50, 1, 60_000)));
  }
}

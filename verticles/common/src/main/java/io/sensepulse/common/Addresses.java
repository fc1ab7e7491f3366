package io.sensepulse.common;

/**
 * Every event-bus address Sense Pulse uses, declared once. docs/CONTRACT.md describes each message.
 * Addresses under {@code data.}, {@code status.} and {@code nodes.} are bridged out to browsers;
 * everything under {@code pulse.} stays inside the cluster.
 */
public final class Addresses {
  private Addresses() {}

  /** Outbound prefixes the SockJS bridge lets through to browsers. */
  public static final String DATA_PREFIX = "data.";
  public static final String STATUS_PREFIX = "status.";
  public static final String NODES_PREFIX = "nodes.";

  /** Published whenever the hub's view of the cluster changes: {@code {nodes: [...]}}. */
  public static final String NODES_CHANGED = NODES_PREFIX + "changed";

  /**
   * The gateway publishes {@code {time}} here every few seconds so a dashboard can tell a silently
   * dropped connection (a phone leaving Wi-Fi) from a quiet hub.
   */
  public static final String NODES_HEARTBEAT = NODES_PREFIX + "heartbeat";

  /** Sense HAT joystick presses: {@code {key, action, timestamp}}; left/right also turn the matrix page. */
  public static final String SENSE_HAT_JOYSTICK = "sensehat.joystick";

  /**
   * The Sense HAT's LED matrix as it is lit, for the dashboard's mirror: {@code {frame, timestamp}},
   * frame = 64 pixels of {@code RRGGBB} hex, row by row from the top-left as the viewer sees it.
   * Under {@code data.} to be bridged out; source ids have no '.', so no {@code data.{id}} can be this.
   */
  public static final String SENSE_HAT_MATRIX = DATA_PREFIX + "sense_hat.matrix";

  /** Published after {@code config:{section}} changed: {@code {section}}. */
  public static final String CONFIG_CHANGED = "config.changed";

  /** Commands: request/reply, {@code {status: ok, data}} or {@code {status: error, error}}. */
  public static final String COMMAND_PREFIX = "cmd.";
  /** The orchestrator's commands (trigger, scan_aranet4, pihole_blocking, start_camera, ...). */
  public static final String CMD_ORCHESTRATOR = COMMAND_PREFIX + "orchestrator";
  /**
   * The only addresses a browser may send to over the bridge, each for signed-in operators only.
   * A regular expression per entry; later issues add cameras and the rig.
   */
  public static final java.util.List<String> BRIDGE_COMMAND_PATTERNS = java.util.List.of("cmd\\.orchestrator");

  /** Node agents publish their announcement here; the node registry listens. */
  public static final String NODE_ANNOUNCE = "pulse.nodes.announce";
  /** The registry publishes here when it starts, asking every agent to announce itself now. */
  public static final String NODE_HELLO = "pulse.nodes.hello";
  /** Request/reply: the registry answers with {@code {nodes: [...]}}. */
  public static final String NODES_LIST = "pulse.nodes.list";
  /** Local only: the launcher relays Hazelcast member removals here ({@code {clusterId}}). */
  public static final String CLUSTER_MEMBER_REMOVED = "pulse.cluster.member-removed";

  /** Request/reply to the hub's store verticle: {@code {source, readings: {sensor: {value, unit, timestamp}}}}. */
  public static final String STORE_READINGS = "pulse.store.readings";
  /** Request/reply to the hub's store verticle: {@code {source, status: {...fields to merge}}}. */
  public static final String STORE_STATUS = "pulse.store.status";
  /** Request/reply to the hub's store verticle: {@code {kind, result: {...}}} becomes {@code scan:{kind}}. */
  public static final String STORE_SCAN = "pulse.store.scan";
  /**
   * Request/reply to the hub's store verticle: {@code {section}} answered with {@code {section, document}}
   * (document null when never written), for a verticle on any node that applies a section while it runs.
   */
  public static final String STORE_CONFIG = "pulse.store.config";

  /**
   * A source learned something for its own config section (the weather source's geocoded place):
   * {@code {section, document, expect: {field: value}}}. The hub's store writes the document only
   * while the stored section still has the expected values, so a user's later edit always wins.
   */
  public static final String CONFIG_LEARNED = "pulse.config.learned";

  /** An ephemeral source publishes here when its single run ends: {@code {source, run, ok, error, result}}. */
  public static final String SOURCE_RUN_DONE = "pulse.sources.run-done";

  // ---- cameras (issue 6) ----

  /** The source id under which every camera streamer writes its readings ({@code {camera}:stream_*}). */
  public static final String CAMERA_SOURCE = "network_camera";

  /** Published by a streamer when its stream ends: {@code {camera, reason}} (user_stopped, max_reconnects, ...). */
  public static final String STREAM_ENDED = "stream.ended";

  /** Request/reply to one camera's streamer: {@code {action: stop|restart|ptz_move|status, direction, step}}. */
  public static String cmdCamera(String cameraId) {
    return COMMAND_PREFIX + "camera." + cameraId;
  }

  /**
   * The streamer publishes each fragmented-MP4 fragment of its live view here as a Buffer, with
   * headers {@code seq} and {@code keyframe}.
   */
  public static String cameraLive(String cameraId) {
    return "pulse.camera." + cameraId + ".live";
  }

  /**
   * Request/reply: the streamer answers with the init segment followed by the fragments since the
   * last keyframe (a Buffer, header {@code seq} = the last fragment included), so a new viewer
   * starts at once; it then follows {@link #cameraLive}, dropping fragments up to that {@code seq}.
   */
  public static String cameraLiveInit(String cameraId) {
    return "pulse.camera." + cameraId + ".live-init";
  }

  /** The gateway publishes {@code {camera, viewers, last_seen}} for every camera with viewers, every few seconds. */
  public static final String CAMERA_VIEWERS = "pulse.camera.viewers";

  // ---- recorder rig (issue 7) ----

  /** Request/reply to one recorder node: {@code {action: status|start|stop|selftest|lockview|recordings|config, ...}}. */
  public static String rigNode(String nodeId) {
    return "pulse.rig." + nodeId;
  }

  /** Request/reply, NTP-style: {@code {t1}} answered with {@code {t1, t2, t3}} on the answering node's clock. */
  public static String rigSyncPing(String nodeId) {
    return "pulse.rig." + nodeId + ".ping";
  }

  /**
   * Request/reply to the hub's rig coordinator: {@code {action: status|start|stop, session}}, answered
   * per node ({@code {outcome, nodes: {CAM_L: {...}}, ...}}).
   */
  public static final String RIG_COORDINATOR = "pulse.rig.coordinator";

  /** Every recorder node publishes its status here every couple of seconds: {@code {node, ...}}. */
  public static final String RIG_STATUS = STATUS_PREFIX + "rig";

  public static String data(String sourceId) {
    return DATA_PREFIX + sourceId;
  }

  public static String status(String sourceId) {
    return STATUS_PREFIX + sourceId;
  }

  public static String nodeDeploy(String nodeId) {
    return "pulse.node." + nodeId + ".deploy";
  }

  public static String nodeUndeploy(String nodeId) {
    return "pulse.node." + nodeId + ".undeploy";
  }

  public static String nodeList(String nodeId) {
    return "pulse.node." + nodeId + ".list";
  }
}

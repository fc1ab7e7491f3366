package io.sensepulse.common.node;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verticles a node agent deploys by name. Only these names are accepted over the bus: a bus
 * message never names a class.
 */
public final class VerticleCatalog {
  private VerticleCatalog() {}

  public static final String STORE = "store";
  public static final String NODE_REGISTRY = "node-registry";
  public static final String ORCHESTRATOR = "orchestrator";
  public static final String GATEWAY = "gateway";
  public static final String SYSTEM_SOURCE = "source.system";
  public static final String PIHOLE_SOURCE = "source.pihole";
  public static final String TAILSCALE_SOURCE = "source.tailscale";
  public static final String WEATHER_SOURCE = "source.weather";
  public static final String ARANET4_SOURCE = "source.aranet4";
  /** Persistent: deployed by the launcher on the node whose framebuffer is the Sense HAT's. */
  public static final String SENSE_HAT = "source.sense_hat";
  /** Keeps the Pi-hole v6 session between runs and signs it out when the node stops. */
  public static final String PIHOLE_SESSIONS = "pihole-sessions";

  /** One per camera, deployed by the orchestrator on start_camera; undeploys itself when its stream ends. */
  public static final String CAMERA_STREAMER = "camera.streamer";
  /** Recorder role: capture, segments, manifests, guard rails (issue 7). */
  public static final String RIG_RECORDER = "rig.recorder";
  /** Recorder role: chrony and bus clock offset to CAM_C. */
  public static final String RIG_SYNC = "rig.sync";
  /** Recorder role: the node's own REST API under /api/v1. */
  public static final String RIG_NODE_API = "rig.node-api";
  /** Hub: coordinated start/stop of every recorder node. */
  public static final String RIG_COORDINATOR = "rig.coordinator";

  private static final Map<String, String> CLASSES = Map.ofEntries(
      Map.entry(CAMERA_STREAMER, "io.sensepulse.camera.CameraStreamerVerticle"),
      Map.entry(RIG_RECORDER, "io.sensepulse.rig.recorder.RecorderVerticle"),
      Map.entry(RIG_SYNC, "io.sensepulse.rig.sync.SyncVerticle"),
      Map.entry(RIG_NODE_API, "io.sensepulse.rig.api.NodeApiVerticle"),
      Map.entry(RIG_COORDINATOR, "io.sensepulse.rig.coordinator.RigCoordinatorVerticle"),
      Map.entry(STORE, "io.sensepulse.common.store.StoreVerticle"),
      Map.entry(NODE_REGISTRY, "io.sensepulse.common.node.NodeRegistryVerticle"),
      Map.entry(ORCHESTRATOR, "io.sensepulse.orchestrator.OrchestratorVerticle"),
      Map.entry(GATEWAY, "io.sensepulse.gateway.GatewayVerticle"),
      Map.entry(SYSTEM_SOURCE, "io.sensepulse.sources.system.SystemSourceVerticle"),
      Map.entry(PIHOLE_SOURCE, "io.sensepulse.sources.pihole.PiholeSourceVerticle"),
      Map.entry(PIHOLE_SESSIONS, "io.sensepulse.sources.pihole.PiholeSessionVerticle"),
      Map.entry(TAILSCALE_SOURCE, "io.sensepulse.sources.tailscale.TailscaleSourceVerticle"),
      Map.entry(WEATHER_SOURCE, "io.sensepulse.sources.weather.WeatherSourceVerticle"),
      Map.entry(ARANET4_SOURCE, "io.sensepulse.sources.aranet.Aranet4SourceVerticle"),
      Map.entry(SENSE_HAT, "io.sensepulse.sources.sensehat.SenseHatVerticle"));

  public static Optional<String> className(String name) {
    return Optional.ofNullable(CLASSES.get(name));
  }

  public static Set<String> names() {
    return CLASSES.keySet();
  }
}

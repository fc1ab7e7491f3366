package io.sensepulse.orchestrator;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Ids;
import io.sensepulse.common.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The orchestrator's side of the cameras: {@code start_camera} deploys a camera's streamer on its
 * node (the camera's {@code node}, else this one) through that node's agent, at most once per
 * camera; {@code stop_camera} asks the streamer to stop; when a stream ends ({@link
 * Addresses#STREAM_ENDED}) the deployment and any ffmpeg it left on this node are cleaned up after
 * a short settling time; streams nobody has watched ({@link Addresses#CAMERA_VIEWERS}) for the idle
 * time are stopped. Keeps {@code status:network_camera}'s {@code streams} field current. Not thread
 * safe: use it from the orchestrator's context.
 */
final class CameraControl {
  private static final Logger LOG = Logger.getLogger(CameraControl.class.getName());

  /** The {@code config:camera} section: {@code {cameras: [{id, name, rtsp_url, transport, onvif, node}]}}. */
  static final String SECTION = "camera";
  /**
   * The status field the orchestrator owns in {@code status:network_camera}, beside each
   * streamer's own field named after its camera; a ':' keeps it apart from every camera id.
   */
  static final String STREAMS = "orchestrator:streams";
  /** A streamer stops ffmpeg with SIGTERM and SIGKILL after 5 s, so a stop may take that long. */
  static final long STOP_TIMEOUT_MS = 15_000;
  /** After stream.ended the streamer undeploys itself; this long is left to it before the orchestrator steps in. */
  static final long SETTLE_MS = 2_000;
  /** How long a running streamer has to answer a starting orchestrator. */
  static final long TAKE_OVER_TIMEOUT_MS = 2_000;

  /** Finds cameras on the network: {@code [{name, host, port}]}. */
  @FunctionalInterface
  interface Discovery {
    Future<JsonArray> discover();
  }

  /** Reads and writes what the orchestrator keeps in Redis; the orchestrator passes its Store. */
  interface Storage {
    Future<JsonObject> config(String section);

    Future<?> updateStatus(String sourceId, JsonObject fields);

    Future<?> putScan(String kind, JsonObject result);

    /** The hub's store, as the orchestrator has it. */
    static Storage of(io.sensepulse.common.store.Store store) {
      return new Storage() {
        @Override
        public Future<JsonObject> config(String section) {
          return store.config(section);
        }

        @Override
        public Future<?> updateStatus(String sourceId, JsonObject fields) {
          return store.updateStatus(sourceId, fields);
        }

        @Override
        public Future<?> putScan(String kind, JsonObject result) {
          return store.putScan(kind, result);
        }
      };
    }
  }

  /** Ends ffmpeg processes of one camera left on this machine; blocking, run on a worker. */
  @FunctionalInterface
  interface LeftoverKiller {
    int killLeftovers(Path cameraDir);
  }

  enum State { STARTING, RUNNING, STOPPING }

  /** One camera whose streamer this orchestrator deployed. */
  private static final class Stream {
    final String camera;
    String node;
    String deploymentId;
    State state = State.STARTING;
    final double since;
    /** When a viewer was last reported, or the start: a fresh stream gets the whole idle time. */
    double lastWatched;
    boolean idleStopAsked;

    Stream(String camera, double now) {
      this.camera = camera;
      this.since = now;
      this.lastWatched = now;
    }
  }

  private final Vertx vertx;
  private final String ownNode;
  private final String streamerVerticle;
  private final Path hlsDir;
  private final int idleSeconds;
  private final Storage storage;
  private final Discovery discovery;
  private final LeftoverKiller leftovers;
  private final Map<String, Stream> streams = new LinkedHashMap<>();
  /** What the status says of each camera, ended streams included, so every write is whole. */
  private final JsonObject reported = new JsonObject();
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private long idleTimer = -1;

  /**
   * @param streamerVerticle the catalogue name of the streamer ({@code camera.streamer})
   * @param hlsDir where streamers on this node write, one folder per camera
   * @param discovery null when this hub cannot look for cameras
   */
  CameraControl(Vertx vertx, String ownNode, String streamerVerticle, Path hlsDir, int idleSeconds, Storage storage,
      Discovery discovery, LeftoverKiller leftovers) {
    this.vertx = vertx;
    this.ownNode = ownNode;
    this.streamerVerticle = streamerVerticle;
    this.hlsDir = hlsDir;
    this.idleSeconds = idleSeconds;
    this.storage = storage;
    this.discovery = discovery;
    this.leftovers = leftovers;
  }

  Future<Void> start() {
    var bus = vertx.eventBus();
    consumers.add(bus.consumer(Addresses.STREAM_ENDED, this::streamEnded));
    consumers.add(bus.consumer(Addresses.CAMERA_VIEWERS, this::viewers));
    // A quarter of the idle time, within 1-10 s: an idle stream stops at most that late.
    long checkMs = Math.max(1_000, Math.min(10_000, idleSeconds * 250L));
    idleTimer = vertx.setPeriodic(checkMs, id -> stopIdle());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(listening -> takeOver());
  }

  /**
   * What a previous orchestrator left: a streamer still answering (the orchestrator was restarted,
   * or runs anew while a stream on another node carried on) is taken over, so Stop, the idle stop
   * and the cleanup after its end apply to it; every other configured camera is recorded as
   * stopped, so readings a killed hub left in Redis do not show it streaming. Never fails.
   */
  private Future<Void> takeOver() {
    return storage.config(SECTION)
        .compose(section -> {
          List<Future<Void>> asked = new ArrayList<>();
          if (section != null && section.getValue("cameras") instanceof JsonArray cameras) {
            for (Object entry : cameras) {
              if (entry instanceof JsonObject camera && camera.getValue("id") instanceof String id && Ids.isCameraId(id)) {
                asked.add(takeOver(id));
              }
            }
          }
          // One write for all (the field is written whole), and none on a hub without cameras.
          return asked.isEmpty() ? Future.<Void>succeededFuture() : Future.join(asked).compose(all -> writeStatus());
        })
        .onFailure(error -> LOG.warning("cannot look for running camera streams: " + error.getMessage()))
        .otherwiseEmpty();
  }

  private Future<Void> takeOver(String id) {
    return vertx.eventBus()
        .<Object>request(Addresses.cmdCamera(id), new JsonObject().put("action", "status"),
            new DeliveryOptions().setSendTimeout(TAKE_OVER_TIMEOUT_MS))
        .map(reply -> reply.body() instanceof JsonObject body && body.getValue("data") instanceof JsonObject data ? data : null)
        .otherwise((JsonObject) null)
        .map(status -> {
          if (streams.containsKey(id)) {
            return null; // started meanwhile
          }
          if (status != null && status.getValue("deploymentId") instanceof String deploymentId
              && status.getValue("node") instanceof String node && Ids.isNodeId(node)) {
            Stream stream = new Stream(id, now());
            stream.node = node;
            stream.deploymentId = deploymentId;
            stream.state = State.RUNNING;
            streams.put(id, stream);
            LOG.info("camera " + id + " was already streaming on node " + node + "; taken over");
            reported.put(id, describe(stream));
          } else {
            reported.put(id, new JsonObject().put("state", "stopped").put("reason", "gone").put("error", null).put("since", now()));
          }
          return null;
        });
  }

  /** Streams keep running when the orchestrator goes: each node agent undeploys its own at shutdown. */
  Future<Void> stop() {
    vertx.cancelTimer(idleTimer);
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  // ---- commands

  /** {@code {camera}}: deploys the camera's streamer; a running camera is not started twice. */
  Future<JsonObject> startCamera(JsonObject request) {
    String id = cameraId(request);
    Stream existing = streams.get(id);
    if (existing != null) {
      if (existing.state == State.STOPPING) {
        return Future.failedFuture("camera " + id + " is stopping; start it again in a moment");
      }
      return Future.succeededFuture(describe(existing).put("already_running", true)
          .put("message", "camera " + id + " is already running"));
    }
    // Taken before anything asynchronous, so a second start arriving meanwhile finds it.
    Stream stream = new Stream(id, now());
    streams.put(id, stream);
    return storage.config(SECTION)
        .compose(section -> {
          JsonObject camera = findCamera(section, id);
          stream.node = camera.getValue("node") instanceof String node ? Ids.requireNodeId(node) : ownNode;
          report(stream);
          JsonObject deploy = new JsonObject().put("verticle", streamerVerticle)
              .put("config", new JsonObject().put("camera", camera));
          return vertx.eventBus().<Object>request(Addresses.nodeDeploy(stream.node), deploy,
                  new DeliveryOptions().setSendTimeout(SourceRunner.CONTROL_TIMEOUT_MS))
              .recover(error -> Future.failedFuture("starting camera " + id + " on node " + stream.node + " failed: "
                  + agentFailure(error)));
        })
        .map(reply -> {
          if (!(reply.body() instanceof JsonObject body) || !(body.getValue("deploymentId") instanceof String deploymentId)) {
            throw new IllegalStateException("node " + stream.node + " answered the deploy without a deploymentId");
          }
          stream.deploymentId = deploymentId;
          stream.state = State.RUNNING;
          LOG.info("camera " + id + " streaming on node " + stream.node + " (" + deploymentId + ")");
          report(stream);
          return describe(stream);
        })
        .onFailure(error -> {
          streams.remove(id);
          reportEnded(id, "error", "start_failed", error.getMessage());
        });
  }

  /** {@code {camera}}: asks the camera's streamer to stop; replies with the streamer's answer. */
  Future<JsonObject> stopCamera(JsonObject request) {
    return stop(cameraId(request));
  }

  /** {@code {}}: looks for cameras, keeps the result in {@code scan:network_camera} and replies with it. */
  Future<JsonObject> discover(JsonObject request) {
    if (discovery == null) {
      return Future.failedFuture("camera discovery is not available on this hub");
    }
    return discovery.discover().compose(found -> {
      JsonObject result = new JsonObject().put("cameras", found);
      return storage.putScan(Addresses.CAMERA_SOURCE, result)
          .onFailure(error -> LOG.warning("cannot keep the camera scan: " + error.getMessage()))
          .otherwiseEmpty()
          .map(result);
    });
  }

  private Future<JsonObject> stop(String id) {
    Stream stream = streams.get(id);
    return vertx.eventBus()
        .<Object>request(Addresses.cmdCamera(id), new JsonObject().put("action", "stop"),
            new DeliveryOptions().setSendTimeout(STOP_TIMEOUT_MS))
        .compose(reply -> {
          if (!(reply.body() instanceof JsonObject body)) {
            return Future.failedFuture("the streamer of camera " + id + " answered the stop without a status");
          }
          if (!"ok".equals(body.getValue("status"))) {
            return Future.failedFuture(String.valueOf(body.getValue("error", "the streamer refused to stop")));
          }
          JsonObject data = body.getValue("data") instanceof JsonObject given ? given.copy() : new JsonObject();
          return Future.succeededFuture(data.put("camera", id).put("stopped", true));
        }, error -> {
          if (isNoHandlers(error) && stream != null && stream.state != State.STARTING) {
            // Deployed, but its streamer is gone without saying so: clean up as if it had ended.
            settle(id, "gone", null);
            return Future.succeededFuture(new JsonObject().put("camera", id).put("stopped", true));
          }
          if (isNoHandlers(error)) {
            return Future.failedFuture("camera " + id + " is not running");
          }
          return Future.failedFuture("camera " + id + " did not stop: " + error.getMessage());
        });
  }

  // ---- stream ends, viewers, idle streams

  private void streamEnded(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body) || !(body.getValue("camera") instanceof String id) || !Ids.isCameraId(id)) {
      LOG.warning("ignoring malformed " + Addresses.STREAM_ENDED + " message, expected {camera, reason}: " + message.body());
      return;
    }
    String reason = body.getValue("reason") instanceof String text ? text : "unknown";
    String error = body.getValue("error") instanceof String text ? text : null;
    Stream stream = streams.get(id);
    if (stream != null) {
      stream.state = State.STOPPING;
      report(stream);
    }
    LOG.info("camera " + id + " stream ended (" + reason + ")");
    vertx.setTimer(SETTLE_MS, timer -> settle(id, reason, error));
  }

  /**
   * Makes sure nothing of the stream is left: its deployment (the streamer normally undeploys
   * itself) and, on this node, any ffmpeg still writing into its folder.
   */
  private void settle(String id, String reason, String error) {
    Stream stream = streams.get(id);
    String node = stream != null && stream.node != null ? stream.node : ownNode;
    Future<Void> undeployed = stream != null && stream.deploymentId != null
        ? undeploy(node, stream.deploymentId)
        : Future.succeededFuture();
    undeployed
        .compose(done -> node.equals(ownNode) ? killLeftovers(id) : Future.succeededFuture())
        .onComplete(done -> {
          // A newer start of the camera may have taken its place meanwhile.
          if (streams.get(id) == stream) {
            streams.remove(id);
            reportEnded(id, "stopped", reason, error);
          }
        });
  }

  private Future<Void> undeploy(String node, String deploymentId) {
    return vertx.eventBus()
        .<Object>request(Addresses.nodeUndeploy(node), new JsonObject().put("deploymentId", deploymentId),
            new DeliveryOptions().setSendTimeout(SourceRunner.CONTROL_TIMEOUT_MS))
        .<Void>mapEmpty()
        .recover(error -> {
          // The agent no longer knowing the deployment means it is gone: that is the goal.
          if (!(error instanceof ReplyException reply && reply.failureCode() == io.sensepulse.common.BusMessages.BAD_REQUEST)) {
            LOG.warning("cannot undeploy streamer " + deploymentId + " on node " + node + ": " + error.getMessage());
          }
          return Future.succeededFuture();
        });
  }

  private Future<Void> killLeftovers(String id) {
    Path cameraDir = hlsDir.resolve(id);
    return vertx.executeBlocking(() -> leftovers.killLeftovers(cameraDir), false)
        .onSuccess(killed -> {
          if (killed > 0) {
            LOG.warning("camera " + id + ": ended " + killed + " ffmpeg process(es) its streamer left behind");
          }
        })
        .onFailure(error -> LOG.warning("camera " + id + ": cannot look for leftover ffmpeg: " + error.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void viewers(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body) || !(body.getValue("camera") instanceof String id)
        || !(body.getValue("viewers") instanceof Number viewers)) {
      LOG.fine(() -> "ignoring malformed " + Addresses.CAMERA_VIEWERS + " message: " + message.body());
      return;
    }
    Stream stream = streams.get(id);
    if (stream != null && viewers.intValue() > 0) {
      // This clock, not the gateway's last_seen: the two nodes' clocks may differ.
      stream.lastWatched = now();
      stream.idleStopAsked = false;
    }
  }

  private void stopIdle() {
    double now = now();
    for (Stream stream : List.copyOf(streams.values())) {
      if (stream.state == State.RUNNING && !stream.idleStopAsked && now - stream.lastWatched >= idleSeconds) {
        stream.idleStopAsked = true;
        LOG.info("camera " + stream.camera + ": nobody watched for " + idleSeconds + " s; stopping it");
        stop(stream.camera).onFailure(error -> {
          LOG.warning("camera " + stream.camera + ": idle stop failed: " + error.getMessage());
          stream.idleStopAsked = false;
        });
      }
    }
  }

  // ---- status:network_camera

  private void report(Stream stream) {
    reported.put(stream.camera, describe(stream));
    writeStatus();
  }

  private void reportEnded(String id, String state, String reason, String error) {
    reported.put(id, new JsonObject().put("state", state).put("reason", reason).put("error", Secrets.redactUrl(error))
        .put("since", now()));
    writeStatus();
  }

  private Future<Void> writeStatus() {
    return storage.updateStatus(Addresses.CAMERA_SOURCE, new JsonObject().put(STREAMS, reported.copy()))
        .onFailure(error -> LOG.fine(() -> "cannot write status:" + Addresses.CAMERA_SOURCE + ": " + error.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private static JsonObject describe(Stream stream) {
    return new JsonObject()
        .put("camera", stream.camera)
        .put("state", stream.state.name().toLowerCase(java.util.Locale.ROOT))
        .put("node", stream.node)
        .put("deploymentId", stream.deploymentId)
        .put("since", stream.since);
  }

  // ---- helpers

  static String cameraId(JsonObject request) {
    if (!(request.getValue("camera") instanceof String id) || !Ids.isCameraId(id)) {
      throw new IllegalArgumentException("'" + request.getValue("command") + "' needs {camera}: a camera id"
          + " (1-40 of A-Z, a-z, 0-9, _, -)");
    }
    return id;
  }

  /** The camera's entry in {@code config:camera}; fails naming the configured ids when it is not there. */
  static JsonObject findCamera(JsonObject section, String id) {
    List<String> known = new ArrayList<>();
    if (section != null && section.getValue("cameras") instanceof JsonArray cameras) {
      for (Object entry : cameras) {
        if (entry instanceof JsonObject camera && camera.getValue("id") instanceof String cameraId) {
          if (cameraId.equals(id)) {
            return camera;
          }
          known.add(cameraId);
        }
      }
    }
    throw new IllegalArgumentException("unknown camera '" + id + "'; configured in config:" + SECTION + ": "
        + (known.isEmpty() ? "none" : String.join(", ", known)));
  }

  private static boolean isNoHandlers(Throwable error) {
    return error instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }

  private static String agentFailure(Throwable error) {
    if (isNoHandlers(error)) {
      return "no node agent answers (is the node up?)";
    }
    return error.getMessage();
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}

package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The low-latency live view, {@code /live/{camera}}: a WebSocket carrying the camera's fragmented
 * MP4 as binary messages, for the browser's Media Source Extensions. The first message is the
 * streamer's init reply (init segment and the fragments since the last keyframe), then every later
 * fragment in order ({@link LiveGate}). All sockets of one camera share one bus consumer, removed
 * with the last socket. When the stream ends the sockets are closed with the reason. Not thread
 * safe: use it from the gateway's context.
 */
final class LiveView {
  private static final Logger LOG = Logger.getLogger(LiveView.class.getName());

  /** A Pi 3B's uplink and memory carry only a few; more are refused. */
  static final int MAX_SOCKETS_PER_CAMERA = 16;
  static final long INIT_TIMEOUT_MS = 5_000;
  /** A camera just started has no init segment for a few seconds: the request is retried meanwhile. */
  static final long INIT_RETRY_MS = 1_000;
  static final int INIT_ATTEMPTS = 20;
  /** Fragments kept for a socket still waiting for its init reply: one GOP at most, and never more than this. */
  static final int PENDING_LIMIT_BYTES = 4 * 1024 * 1024;
  /** WebSocket close codes: normal, and "try again later" (the stream is not there). */
  static final short CLOSE_NORMAL = 1000;
  static final short CLOSE_TRY_LATER = 1013;

  /** Tells the viewer count that a camera's socket opened or closed. */
  interface SocketListener {
    void opened(String camera);

    void closed(String camera);
  }

  private final Vertx vertx;
  private final SocketListener listener;
  private final Map<String, Feed> feeds = new HashMap<>();

  LiveView(Vertx vertx, SocketListener listener) {
    this.vertx = vertx;
    this.listener = listener;
  }

  /** After the read-access check. */
  void handle(RoutingContext ctx) {
    String camera = ctx.pathParam("camera");
    if (!Ids.isCameraId(camera)) {
      HlsFiles.refuse(ctx, 400, "invalid camera id: use 1-40 of A-Z, a-z, 0-9, _, -");
      return;
    }
    Feed existing = feeds.get(camera);
    if (existing != null && existing.viewers.size() >= MAX_SOCKETS_PER_CAMERA) {
      HlsFiles.refuse(ctx, 503, "camera " + camera + " already has " + MAX_SOCKETS_PER_CAMERA + " live viewers");
      return;
    }
    ctx.request().toWebSocket().onComplete(socket -> open(camera, socket), notUpgraded -> {
      if (!ctx.response().headWritten()) {
        HlsFiles.refuse(ctx, 400, "expected a WebSocket upgrade");
      }
    });
  }

  /** Closes the camera's sockets, saying why: the browser then stops rather than waits. */
  void streamEnded(String camera, String reason) {
    Feed feed = feeds.get(camera);
    if (feed != null) {
      String why = reason != null && reason.matches("[a-z_]{1,40}") ? reason : "ended";
      List.copyOf(feed.viewers).forEach(viewer -> viewer.socket.close(CLOSE_NORMAL, "stream ended: " + why));
    }
  }

  private void open(String camera, ServerWebSocket socket) {
    Feed feed = feeds.computeIfAbsent(camera, Feed::new);
    Viewer viewer = new Viewer(socket);
    feed.viewers.add(viewer);
    listener.opened(camera);
    socket.closeHandler(closed -> close(feed, viewer));
    // Browsers send nothing on this socket; whatever comes is dropped.
    socket.handler(ignored -> {});
    feed.ready.onComplete(registered -> requestInit(feed, viewer, 1), failed -> socket.close(CLOSE_TRY_LATER, "live view unavailable"));
  }

  private void close(Feed feed, Viewer viewer) {
    if (!feed.viewers.remove(viewer)) {
      return;
    }
    viewer.pending.clear();
    listener.closed(feed.camera);
    if (feed.viewers.isEmpty()) {
      feeds.remove(feed.camera, feed);
      feed.consumer.unregister();
    }
  }

  private void requestInit(Feed feed, Viewer viewer, int attempt) {
    if (!feed.viewers.contains(viewer) || viewer.gate != null) {
      return;
    }
    vertx.eventBus()
        .<Object>request(Addresses.cameraLiveInit(feed.camera), new JsonObject(), new DeliveryOptions().setSendTimeout(INIT_TIMEOUT_MS))
        .onComplete(reply -> initReceived(feed, viewer, reply), error -> {
          if (attempt < INIT_ATTEMPTS) {
            vertx.setTimer(INIT_RETRY_MS, timer -> requestInit(feed, viewer, attempt + 1));
          } else {
            viewer.socket.close(CLOSE_TRY_LATER, "camera " + feed.camera + " is not streaming");
          }
        });
  }

  private void initReceived(Feed feed, Viewer viewer, Message<Object> reply) {
    Long seq = seq(reply);
    if (!(reply.body() instanceof Buffer init) || seq == null) {
      LOG.warning("camera " + feed.camera + ": the streamer's live init reply has no Buffer or no seq header");
      viewer.socket.close(CLOSE_TRY_LATER, "the streamer answered without an init segment");
      return;
    }
    if (!feed.viewers.contains(viewer) || viewer.gate != null) {
      return;
    }
    start(viewer, init, seq);
  }

  /** The viewer's first message: an init segment (and fragments), then the fragments after seq follow. */
  private static void start(Viewer viewer, Buffer init, long seq) {
    viewer.socket.writeBinaryMessage(init);
    viewer.gate = new LiveGate(seq);
    for (Fragment fragment : viewer.pending) {
      forward(viewer, fragment);
    }
    viewer.pending.clear();
  }

  private void fragment(Feed feed, Message<Object> message) {
    Long seq = seq(message);
    if (!(message.body() instanceof Buffer data) || seq == null) {
      return;
    }
    // A new init segment (ffmpeg restarted) is a point to start decoding from, like a keyframe.
    boolean init = isTrue(message.headers().get("init"));
    Fragment fragment = new Fragment(seq, init || isTrue(message.headers().get("keyframe")), data);
    for (Viewer viewer : feed.viewers) {
      if (viewer.gate != null) {
        forward(viewer, fragment);
      } else if (init) {
        // A viewer waiting for a stream that is just starting begins with it now, not at its next init request.
        start(viewer, data, seq);
      } else {
        viewer.keep(fragment);
      }
    }
  }

  private static void forward(Viewer viewer, Fragment fragment) {
    if (viewer.gate.admit(fragment.seq, fragment.keyframe, viewer.socket.writeQueueFull())) {
      viewer.socket.writeBinaryMessage(fragment.data);
    }
  }

  private static boolean isTrue(String header) {
    return "true".equalsIgnoreCase(header) || "1".equals(header);
  }

  private static Long seq(Message<?> message) {
    String header = message.headers().get("seq");
    try {
      return header == null ? null : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private record Fragment(long seq, boolean keyframe, Buffer data) {}

  /** One camera's sockets and their shared consumer. */
  private final class Feed {
    final String camera;
    final Set<Viewer> viewers = new LinkedHashSet<>();
    final MessageConsumer<Object> consumer;
    /** Fragments are followed before the init request goes out, so none falls between the two. */
    final Future<Void> ready;

    Feed(String camera) {
      this.camera = camera;
      this.consumer = vertx.eventBus().consumer(Addresses.cameraLive(camera), message -> fragment(this, message));
      this.ready = consumer.completion();
    }
  }

  private static final class Viewer {
    final ServerWebSocket socket;
    /** Null until the init reply has been sent. */
    LiveGate gate;
    final List<Fragment> pending = new ArrayList<>();
    int pendingBytes;

    Viewer(ServerWebSocket socket) {
      this.socket = socket;
    }

    /** Keeps the fragments since the latest keyframe until the init reply says which are new. */
    void keep(Fragment fragment) {
      if (fragment.keyframe || pendingBytes + fragment.data.length() > PENDING_LIMIT_BYTES) {
        pending.clear();
        pendingBytes = 0;
      }
      pending.add(fragment);
      pendingBytes += fragment.data.length();
    }
  }
}

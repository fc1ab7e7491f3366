package io.sensepulse.camera.discovery;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Finds RTSP cameras on the node's networks: a TCP connect to every host of the given subnets on
 * each RTSP port, at most {@link DiscoveryOptions#maxInFlight} at once, each open port confirmed by
 * an RTSP OPTIONS request; meanwhile a WS-Discovery Probe collects the names ONVIF cameras give
 * themselves. Non-blocking throughout: Vert.x's NetClient and DatagramSocket on one context.
 *
 * <p>The answer is a JSON array of {@code {name, host, port}}, ordered by address then port;
 * {@code name} is the camera's ONVIF name when it answered the Probe, else {@code host:port}.
 */
public final class CameraDiscovery {
  /** At most 4 × 1024 hosts per scan: four /22s, or sixteen /24s. */
  public static final int MAX_HOSTS = 4096;
  /** The largest UDP payload: a WS-Discovery answer is read whole or not at all. */
  private static final int MAX_DATAGRAM_BYTES = 65_507;
  private static final Logger LOG = Logger.getLogger(CameraDiscovery.class.getName());

  private final Vertx vertx;

  public CameraDiscovery(Vertx vertx) {
    this.vertx = vertx;
  }

  /** This node's LAN subnets ({@link LocalSubnets}), read on a worker thread. */
  public Future<List<Subnet>> localSubnets() {
    return vertx.executeBlocking(LocalSubnets::ofThisMachine, false);
  }

  /** A scan of this node's own subnets with the default options. */
  public Future<JsonArray> discover() {
    return localSubnets().compose(subnets -> discover(subnets, DiscoveryOptions.defaults()));
  }

  /**
   * Scans the hosts of {@code subnets} (each at most a /22; {@link #MAX_HOSTS} in all). Completes
   * with the RTSP servers confirmed once every target was tried and the WS-Discovery window closed,
   * or when the total timeout ends the scan early; fails only for bad arguments.
   */
  public Future<JsonArray> discover(List<Subnet> subnets, DiscoveryOptions options) {
    List<String> hosts;
    try {
      hosts = hostsOf(subnets);
    } catch (IllegalArgumentException invalid) {
      return Future.failedFuture(invalid);
    }
    Context context = vertx.getOrCreateContext();
    Promise<JsonArray> result = Promise.promise();
    context.runOnContext(start -> new Scan(context, hosts, options, result).start());
    return result.future();
  }

  static List<String> hostsOf(List<Subnet> subnets) {
    if (subnets == null) {
      throw new IllegalArgumentException("subnets are required");
    }
    Set<String> hosts = new LinkedHashSet<>();
    for (Subnet subnet : subnets) {
      if (subnet.prefixLength() < LocalSubnets.WIDEST_SCANNED_PREFIX) {
        throw new IllegalArgumentException("subnet " + subnet + " is wider than /" + LocalSubnets.WIDEST_SCANNED_PREFIX
            + "; scan it in smaller parts");
      }
      hosts.addAll(subnet.hosts());
      if (hosts.size() > MAX_HOSTS) {
        throw new IllegalArgumentException("the subnets hold more than " + MAX_HOSTS + " hosts");
      }
    }
    return List.copyOf(hosts);
  }

  /** One scan's state, touched only on its context: no locks. */
  private final class Scan {
    private final Context context;
    private final List<String> hosts;
    private final DiscoveryOptions options;
    private final Promise<JsonArray> result;
    private final int targets;
    private final Set<Found> found = new LinkedHashSet<>();
    private final Map<String, String> names = new HashMap<>();
    private final long startedNanos = System.nanoTime();
    private NetClient client;
    private DatagramSocket udp;
    private long totalTimer = -1;
    private int nextTarget;
    private int busyWorkers;
    private boolean probeWindowOpen;
    private boolean finished;

    private Scan(Context context, List<String> hosts, DiscoveryOptions options, Promise<JsonArray> result) {
      this.context = context;
      this.hosts = hosts;
      this.options = options;
      this.result = result;
      this.targets = hosts.size() * options.ports().size();
    }

    private void start() {
      client = vertx.createNetClient(new NetClientOptions()
          .setConnectTimeout((int) options.connectTimeout().toMillis())
          .setReconnectAttempts(0));
      totalTimer = vertx.setTimer(options.totalTimeout().toMillis(), timeUp -> finish(true));
      if (options.wsDiscoveryHost() != null) {
        probeWindowOpen = true;
        sendProbe();
        vertx.setTimer(options.wsDiscoveryWindow().toMillis(), closed -> {
          probeWindowOpen = false;
          finishWhenDone();
        });
      }
      int workers = Math.min(options.maxInFlight(), targets);
      busyWorkers = workers;
      for (int worker = 0; worker < workers; worker++) {
        next();
      }
      finishWhenDone();
    }

    /** One worker's loop: take the next target, probe it, come back through the context's queue (no deep stacks). */
    private void next() {
      if (finished) {
        return;
      }
      if (nextTarget >= targets) {
        busyWorkers--;
        finishWhenDone();
        return;
      }
      int target = nextTarget++;
      String host = hosts.get(target / options.ports().size());
      int port = options.ports().get(target % options.ports().size());
      confirmRtsp(host, port).onComplete(confirmed -> {
        if (confirmed.succeeded() && confirmed.result() && !finished) {
          found.add(new Found(host, port));
        }
        context.runOnContext(again -> next());
      });
    }

    private Future<Boolean> confirmRtsp(String host, int port) {
      Promise<Boolean> verdict = Promise.promise();
      client.connect(port, host).onComplete(connected -> {
        if (connected.failed()) {
          verdict.tryComplete(false);
          return;
        }
        NetSocket socket = connected.result();
        StringBuilder received = new StringBuilder();
        long answerTimer = vertx.setTimer(options.connectTimeout().toMillis(), silent -> {
          verdict.tryComplete(false);
          socket.close();
        });
        socket.handler(chunk -> {
          received.append(chunk.toString(StandardCharsets.ISO_8859_1));
          RtspProbe.Verdict judged = RtspProbe.judge(received.toString());
          if (judged != RtspProbe.Verdict.UNDECIDED) {
            verdict.tryComplete(judged == RtspProbe.Verdict.RTSP);
            socket.close();
          }
        });
        socket.exceptionHandler(error -> verdict.tryComplete(false));
        socket.closeHandler(closed -> verdict.tryComplete(RtspProbe.judgeAtEnd(received.toString())));
        socket.write(Buffer.buffer(RtspProbe.optionsRequest(host, port), StandardCharsets.ISO_8859_1.name()));
        verdict.future().onComplete(done -> vertx.cancelTimer(answerTimer));
      });
      return verdict.future();
    }

    private void sendProbe() {
      udp = vertx.createDatagramSocket(new DatagramSocketOptions()
          .setMulticastTimeToLive(1)
          // Netty reads datagrams into 2 KB by default; ProbeMatches with many scopes run to 3-5 KB.
          .setReceiveBufferSize(MAX_DATAGRAM_BYTES));
      udp.handler(this::probeAnswer);
      String probe = WsDiscovery.probe(UUID.randomUUID());
      udp.listen(0, "0.0.0.0")
          .compose(listening -> listening.send(Buffer.buffer(probe, "UTF-8"), options.wsDiscoveryPort(), options.wsDiscoveryHost()))
          // No multicast route (a node without a LAN): the TCP scan still runs, names fall back to host:port.
          .onFailure(error -> LOG.fine(() -> "WS-Discovery probe not sent: " + error.getMessage()));
    }

    private void probeAnswer(DatagramPacket packet) {
      try {
        for (WsDiscovery.ProbeMatch match : WsDiscovery.parseProbeMatches(packet.data().toString(StandardCharsets.UTF_8))) {
          if (match.name().isPresent()) {
            List<String> matchHosts = new ArrayList<>(match.hosts());
            matchHosts.add(packet.sender().host());
            matchHosts.forEach(host -> names.putIfAbsent(host, match.name().get()));
          }
        }
      } catch (IllegalArgumentException notProbeMatches) {
        LOG.fine(() -> "ignored a WS-Discovery answer from " + packet.sender().host() + ": " + notProbeMatches.getMessage());
      }
    }

    private void finishWhenDone() {
      if (busyWorkers == 0 && !probeWindowOpen) {
        finish(false);
      }
    }

    private void finish(boolean timedOut) {
      if (finished) {
        return;
      }
      finished = true;
      vertx.cancelTimer(totalTimer);
      client.close();
      if (udp != null) {
        udp.close();
      }
      JsonArray cameras = new JsonArray();
      found.stream()
          .sorted(Comparator.comparingLong((Found camera) -> Integer.toUnsignedLong(Subnet.parseAddress(camera.host())))
              .thenComparingInt(Found::port))
          .forEach(camera -> cameras.add(new JsonObject()
              .put("name", names.getOrDefault(camera.host(), camera.host() + ":" + camera.port()))
              .put("host", camera.host())
              .put("port", camera.port())));
      long millis = (System.nanoTime() - startedNanos) / 1_000_000;
      LOG.info(() -> "camera discovery: " + (timedOut ? "stopped by its time limit after " + nextTarget + " of " : "tried ")
          + targets + " host:port pairs in " + millis + " ms, found " + cameras.size() + " RTSP server(s)");
      result.complete(cameras);
    }
  }

  private record Found(String host, int port) {}
}

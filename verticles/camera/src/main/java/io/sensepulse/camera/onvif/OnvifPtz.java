package io.sensepulse.camera.onvif;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Pan, tilt and zoom of one ONVIF camera: {@link #move} sends a ContinuousMove at half speed, waits
 * {@link PtzStep#MILLIS_PER_STEP} ms per step and sends Stop.
 *
 * <p>The first move learns the camera: its clock (GetSystemDateAndTime, unauthenticated) so that
 * the WS-Security Created time is the camera's, its media and PTZ service paths (GetCapabilities,
 * else GetServices, else the device service) and the profile to move (GetProfiles). Later moves
 * reuse that; any failure forgets it, so a camera that was replaced or had its clock set is
 * learned again on the next move. Service addresses keep the camera's path but use the host and
 * port given here: cameras behind NAT or a port forward report addresses this node cannot reach.
 *
 * <p>Moves run one after the other: a Stop must not cut a move that started after it. Everything
 * is non-blocking (Vert.x's HTTP client and timers).
 */
public final class OnvifPtz {
  public static final String DEVICE_SERVICE_PATH = "/onvif/device_service";
  static final long MIN_TIMEOUT_MS = 50;
  static final long MAX_TIMEOUT_MS = 60_000;
  /** Moves waiting or running at once: button presses on an unresponsive camera must not pile up. */
  static final int MAX_QUEUED_MOVES = 4;
  private static final Logger LOG = Logger.getLogger(OnvifPtz.class.getName());

  /** What the first move learned: the camera's clock minus ours, where to send what, and the profile. */
  private record Session(Duration clockOffset, String mediaPath, String ptzPath, String profileToken) {}

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final Duration timeout;
  private Session session;
  private Future<Void> lastMove = Future.succeededFuture();
  private int queuedMoves;

  /**
   * @param username empty or null for a camera without authentication
   * @param timeout for each HTTP exchange, 50 ms to 60 s
   */
  public OnvifPtz(Vertx vertx, String host, int port, String username, String password, Duration timeout) {
    if (host == null || !host.matches("[A-Za-z0-9._:%\\[\\]-]{1,253}")) {
      throw new IllegalArgumentException("camera host must be a host name or IP address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("camera ONVIF port must be 1-65535, not " + port);
    }
    if (timeout == null || timeout.toMillis() < MIN_TIMEOUT_MS || timeout.toMillis() > MAX_TIMEOUT_MS) {
      throw new IllegalArgumentException("ONVIF timeout must be " + MIN_TIMEOUT_MS + " ms to " + MAX_TIMEOUT_MS / 1000 + " s");
    }
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.username = username == null ? "" : username;
    this.password = password == null ? "" : password;
    this.timeout = timeout;
  }

  /**
   * Moves for {@code step} × 100 ms.
   *
   * @param direction up, down, left, right, zoomin or zoomout
   * @param step 1 to 10, fractions allowed
   * @return completes after Stop was answered; fails with IllegalArgumentException for a bad
   *     direction or step (nothing is sent), IllegalStateException naming the operation otherwise,
   *     or at once when {@link #MAX_QUEUED_MOVES} moves are already waiting or running
   */
  public Future<Void> move(String direction, double step) {
    PtzDirection parsed;
    Duration duration;
    try {
      parsed = PtzDirection.parse(direction);
      duration = PtzStep.duration(step);
    } catch (IllegalArgumentException invalid) {
      return Future.failedFuture(invalid);
    }
    synchronized (this) {
      if (queuedMoves >= MAX_QUEUED_MOVES) {
        return Future.failedFuture(new IllegalStateException("camera " + host + ":" + port + " is still busy with "
            + queuedMoves + " moves; try again when they are done"));
      }
      queuedMoves++;
      Future<Void> move = lastMove.transform(previous -> run(parsed, duration)).andThen(done -> moveEnded());
      lastMove = move;
      return move;
    }
  }

  private synchronized void moveEnded() {
    queuedMoves--;
  }

  private Future<Void> run(PtzDirection direction, Duration duration) {
    HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    OnvifClient client = new OnvifClient(http, host, port, username, password, timeout);
    return learned(client)
        .compose(known -> moveThenStop(client, known, direction, duration))
        .onFailure(error -> forget())
        .eventually(http::close);
  }

  private Future<Void> moveThenStop(OnvifClient client, Session known, PtzDirection direction, Duration duration) {
    SoapCall move = SoapCall.continuousMove(known.profileToken(), direction, PtzStep.SPEED);
    return client.call(known.ptzPath(), move, known.clockOffset(), answer -> {
          OnvifResponses.requireAnswer(answer, "ContinuousMoveResponse");
          return null;
        })
        .recover(moveFailed -> moveFailed.getCause() instanceof OnvifFault
            // The camera refused: nothing moves.
            ? Future.failedFuture(moveFailed)
            // Lost on the way back, perhaps after the camera started: stop it anyway.
            : stop(client, known).transform(stopped -> Future.failedFuture(moveFailed)))
        .compose(moving -> vertx.timer(duration.toMillis()))
        .compose(elapsed -> stop(client, known));
  }

  private Future<Void> stop(OnvifClient client, Session known) {
    return client.call(known.ptzPath(), SoapCall.stop(known.profileToken()), known.clockOffset(), answer -> {
      OnvifResponses.requireAnswer(answer, "StopResponse");
      return null;
    });
  }

  private Future<Session> learned(OnvifClient client) {
    Session known = currentSession();
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return client.callAnonymous(DEVICE_SERVICE_PATH, SoapCall.getSystemDateAndTime(), OnvifResponses::systemDateTimeUtc)
        .map(cameraUtc -> cameraUtc.map(cameraNow -> Duration.between(Instant.now(), cameraNow)).orElse(Duration.ZERO))
        .compose(offset -> serviceAddresses(client, offset).compose(addresses -> {
          String mediaPath = pathOf(addresses.media());
          String ptzPath = pathOf(addresses.ptz());
          return client.call(mediaPath, SoapCall.getProfiles(), offset,
                  answer -> OnvifResponses.ptzProfile(OnvifResponses.profiles(answer)))
              .map(profile -> new Session(offset, mediaPath, ptzPath, profile.token()));
        }))
        .onSuccess(this::remember);
  }

  /** GetCapabilities, else GetServices (ONVIF 2.x cameras that dropped the former), else the device service. */
  private Future<OnvifResponses.ServiceAddresses> serviceAddresses(OnvifClient client, Duration offset) {
    return client.call(DEVICE_SERVICE_PATH, SoapCall.getCapabilities(), offset, OnvifResponses::capabilities)
        .recover(error -> refusedOtherThanAuthorization(error)
            ? client.call(DEVICE_SERVICE_PATH, SoapCall.getServices(), offset, OnvifResponses::services)
            : Future.failedFuture(error))
        .recover(error -> refusedOtherThanAuthorization(error)
            ? Future.succeededFuture(new OnvifResponses.ServiceAddresses(Optional.empty(), Optional.empty()))
            : Future.failedFuture(error));
  }

  private static boolean refusedOtherThanAuthorization(Throwable error) {
    return error.getCause() instanceof OnvifFault fault && !fault.notAuthorized();
  }

  /** The path (and query) of a service address; the device service when it has none or is malformed. */
  static String pathOf(Optional<String> xaddr) {
    if (xaddr.isEmpty()) {
      return DEVICE_SERVICE_PATH;
    }
    try {
      URI uri = new URI(xaddr.get());
      String path = uri.getRawPath();
      if (path == null || path.isEmpty()) {
        return DEVICE_SERVICE_PATH;
      }
      return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    } catch (URISyntaxException e) {
      return DEVICE_SERVICE_PATH;
    }
  }

  private synchronized Session currentSession() {
    return session;
  }

  private synchronized void remember(Session learned) {
    session = learned;
    LOG.fine(() -> "ONVIF camera " + host + ":" + port + ": clock offset " + learned.clockOffset().toMillis()
        + " ms, media " + learned.mediaPath() + ", PTZ " + learned.ptzPath() + ", profile " + learned.profileToken());
  }

  private synchronized void forget() {
    session = null;
  }
}

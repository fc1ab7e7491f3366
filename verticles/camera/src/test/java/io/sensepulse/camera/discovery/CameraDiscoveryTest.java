package io.sensepulse.camera.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CameraDiscovery} against listeners on loopback addresses: GStreamer's real RTSP server, a
 * camera-like responder that wants a password, services that speak something else, closed and
 * silent ports, and a WS-Discovery responder answering the recorded ProbeMatches over real UDP.
 */
@ExtendWith(VertxExtension.class)
class CameraDiscoveryTest {
  private static final Subnet LOOPBACK_1 = Subnet.parse("127.0.0.1/32");
  private static final Subnet LOOPBACK_2 = Subnet.parse("127.0.0.2/32");
  private static final String HIKVISION_NAME = "HIKVISION DS-2DE2A404IW-DE3";
  private static final Pattern OPTIONS = Pattern.compile("OPTIONS rtsp://([0-9.]+):(\\d+)/ RTSP/1\\.0\r\nCSeq: 1\r\n\r\n");

  private static Process gstreamer;
  private static int gstreamerPort;

  @BeforeAll
  static void startGStreamerRtspServer(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("rtsp_server.py");
    try (var in = CameraDiscoveryTest.class.getResourceAsStream("/discovery/rtsp_server.py")) {
      Files.write(script, in.readAllBytes());
    }
    gstreamer = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(gstreamer.getInputStream(), StandardCharsets.UTF_8));
    String port = out.readLine();
    if (port == null) {
      throw new IllegalStateException("the GStreamer RTSP server did not start");
    }
    gstreamerPort = Integer.parseInt(port.strip());
  }

  @AfterAll
  static void stopGStreamer() throws Exception {
    if (gstreamer != null) {
      gstreamer.getOutputStream().close();
      if (!gstreamer.waitFor(5, TimeUnit.SECONDS)) {
        gstreamer.destroyForcibly();
      }
    }
  }

  /** A TCP listener on one loopback address that does {@code onConnect} with every connection. */
  private static Future<NetServer> listen(Vertx vertx, String host, Consumer<NetSocket> onConnect) {
    return vertx.createNetServer().connectHandler(onConnect::accept).listen(0, host);
  }

  /** Answers a well-formed OPTIONS for its own address and port as a camera that wants a password does. */
  private static Consumer<NetSocket> unauthorisedCamera(String host, int[] port) {
    return socket -> {
      Buffer request = Buffer.buffer();
      socket.handler(chunk -> {
        request.appendBuffer(chunk);
        Matcher options = OPTIONS.matcher(request.toString(StandardCharsets.ISO_8859_1));
        if (options.matches() && options.group(1).equals(host) && Integer.parseInt(options.group(2)) == port[0]) {
          socket.write("RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n"
              + "WWW-Authenticate: Digest realm=\"IP Camera(C2358)\", nonce=\"e5a1b2c3d4\", stale=\"FALSE\"\r\n"
              + "Date:  Thu, Mar 14 2024 09:41:07 GMT\r\n\r\n");
        }
      });
    };
  }

  private static int closedPort() {
    return FreePorts.next();
  }

  private static List<Integer> ports(NetServer... servers) {
    List<Integer> ports = new ArrayList<>();
    for (NetServer server : servers) {
      ports.add(server.actualPort());
    }
    return ports;
  }

  private static JsonObject camera(String name, String host, int port) {
    return new JsonObject().put("name", name).put("host", host).put("port", port);
  }

  @Test
  void rtspServersAreConfirmedAndNamedOtherListenersAndClosedPortsAreNot(Vertx vertx, VertxTestContext test) throws Exception {
    int closed = closedPort();
    int[] cameraPort = new int[1];
    List<Object> servers = new ArrayList<>();
    Future.all(
            listen(vertx, "127.0.0.2", unauthorisedCamera("127.0.0.2", cameraPort)),
            listen(vertx, "127.0.0.1", socket -> socket.write("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")),
            listen(vertx, "127.0.0.1", socket -> socket.handler(request -> socket.write(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))),
            WsDiscoveryResponder.start(vertx, "127.0.0.2"))
        .compose(all -> {
          NetServer camera = all.resultAt(0);
          NetServer ssh = all.resultAt(1);
          NetServer http = all.resultAt(2);
          DatagramSocket responder = all.resultAt(3);
          servers.addAll(List.of(camera, ssh, http, responder));
          cameraPort[0] = camera.actualPort();
          List<Integer> ports = new ArrayList<>(ports(camera, ssh, http));
          ports.add(gstreamerPort);
          ports.add(closed);
          DiscoveryOptions options = DiscoveryOptions.defaults().withPorts(ports)
              .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20))
              .withWsDiscovery("127.0.0.2", responder.localAddress().port(), Duration.ofMillis(500));
          return new CameraDiscovery(vertx).discover(List.of(LOOPBACK_2, LOOPBACK_1), options);
        })
        .onComplete(test.succeeding(cameras -> test.verify(() -> {
          assertEquals(new JsonArray()
                  .add(camera("127.0.0.1:" + gstreamerPort, "127.0.0.1", gstreamerPort))
                  .add(camera(HIKVISION_NAME, "127.0.0.2", cameraPort[0])),
              cameras);
          test.completeNow();
        })));
  }

  @Test
  void theTotalTimeoutEndsAScanOfUnansweringAddressesWithWhatWasConfirmed(Vertx vertx, VertxTestContext test) {
    long started = System.nanoTime();
    listen(vertx, "127.0.0.1", silent -> { }).compose(silent -> {
      // A connect timeout far beyond the total: only the total timeout can end this scan early.
      DiscoveryOptions options = DiscoveryOptions.defaults().withoutWsDiscovery()
          .withPorts(List.of(silent.actualPort(), gstreamerPort))
          .withTimeouts(Duration.ofSeconds(8), Duration.ofMillis(1500));
      return new CameraDiscovery(vertx).discover(List.of(Subnet.parse("192.0.2.0/29"), LOOPBACK_1), options);
    }).onComplete(test.succeeding(cameras -> test.verify(() -> {
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      assertTrue(elapsedMs < 8_000, "ended by the total timeout, not by the 8 s connect timeout: " + elapsedMs + " ms");
      assertEquals(new JsonArray().add(camera("127.0.0.1:" + gstreamerPort, "127.0.0.1", gstreamerPort)), cameras);
      test.completeNow();
    })));
  }

  @Test
  void noMoreThanMaxInFlightConnectionsAreOpened(Vertx vertx, VertxTestContext test) {
    AtomicInteger accepted = new AtomicInteger();
    List<Future<NetServer>> listeners = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      listeners.add(listen(vertx, "127.0.0.1", silent -> accepted.incrementAndGet()));
    }
    Future.all(listeners).compose(all -> {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        ports.add(all.<NetServer>resultAt(i).actualPort());
      }
      // Each silent server holds its connection for the 5 s answer timeout, beyond the 1 s scan:
      // only the two connections in flight can ever be opened.
      DiscoveryOptions options = new DiscoveryOptions(ports, Duration.ofSeconds(5), Duration.ofSeconds(1), 2, null, 0,
          Duration.ZERO);
      return new CameraDiscovery(vertx).discover(List.of(LOOPBACK_1), options);
    }).onComplete(test.succeeding(cameras -> test.verify(() -> {
      assertEquals(new JsonArray(), cameras);
      assertEquals(2, accepted.get());
      test.completeNow();
    })));
  }

  @Test
  void subnetsTooWideToScanAreRefused(Vertx vertx, VertxTestContext test) {
    CameraDiscovery discovery = new CameraDiscovery(vertx);
    DiscoveryOptions options = DiscoveryOptions.defaults().withoutWsDiscovery();
    discovery.discover(List.of(Subnet.parse("10.0.0.0/16")), options).onComplete(test.failing(wide -> test.verify(() -> {
      assertEquals("subnet 10.0.0.0/16 is wider than /22; scan it in smaller parts", wide.getMessage());
      List<Subnet> many = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        many.add(Subnet.parse("10.0." + (i * 4) + ".0/22"));
      }
      discovery.discover(many, options).onComplete(test.failing(tooMany -> test.verify(() -> {
        assertEquals("the subnets hold more than 4096 hosts", tooMany.getMessage());
        test.completeNow();
      })));
    })));
  }

  @Test
  void optionsAreValidated() {
    DiscoveryOptions defaults = DiscoveryOptions.defaults();
    assertEquals(List.of(554, 8554, 10554), defaults.ports());
    assertEquals("ports must be 1-16 distinct TCP ports 1-65535", assertThrows(
        IllegalArgumentException.class, () -> defaults.withPorts(List.of(554, 554))).getMessage());
    assertEquals("connect timeout must be 10 ms to 10000 ms, not 0 ms", assertThrows(
        IllegalArgumentException.class, () -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(5))).getMessage());
    assertEquals("'camera.local' is not an IPv4 address a.b.c.d", assertThrows(
        IllegalArgumentException.class, () -> defaults.withWsDiscovery("camera.local", 3702, Duration.ofSeconds(1))).getMessage());
  }
}

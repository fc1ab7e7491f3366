package io.sensepulse.camera;

import io.sensepulse.common.testing.ChildProcesses;
import io.sensepulse.common.testing.FreePorts;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real RTSP server for tests: GStreamer's gst-rtsp-server (src/test/resources/rtsp_server.py, run
 * with Debian's /usr/bin/python3, whose GStreamer bindings it needs) streaming 320x240 at 15 fps
 * with G.711 audio, or H.265, or audio only. Ready when the script prints READY.
 * {@link #kill()} ends it as a crash would; {@link #start()} brings it back on the same port.
 */
final class RtspTestServer implements AutoCloseable {
  static final String MOUNT = "/cam";

  private final int port;
  private final String kind;
  private final String credentials;
  private Process process;

  private RtspTestServer(int port, String kind, String credentials) {
    this.port = port;
    this.kind = kind;
    this.credentials = credentials;
  }

  /** Started: h264, h265 or audio-only. */
  static RtspTestServer start(String kind) {
    return start(kind, null);
  }

  /** Started, asking for {@code user:password} when credentials are given. */
  static RtspTestServer start(String kind, String credentials) {
    RtspTestServer server = new RtspTestServer(FreePorts.next(), kind, credentials);
    server.start();
    return server;
  }

  void start() {
    try {
      Path script = Path.of(RtspTestServer.class.getResource("/rtsp_server.py").toURI());
      List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", script.toString(), String.valueOf(port), MOUNT, kind));
      if (credentials != null) {
        command.addAll(List.of("--auth", credentials));
      }
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .start();
      if (ChildProcesses.awaitReady(process, "READY"::equals, "rtsp-server-output")) {
        return;
      }
      throw new IllegalStateException("the RTSP test server exited before listening (GStreamer's gst-rtsp-server installed?)");
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot start the RTSP test server: " + e.getMessage(), e);
    }
  }

  /** rtsp://[userInfo@]127.0.0.1:port/cam */
  String url(String userInfo) {
    return "rtsp://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port + MOUNT;
  }

  String url() {
    return url(null);
  }

  int port() {
    return port;
  }

  /** SIGKILL, as a camera losing power. */
  void kill() {
    if (process != null) {
      ChildProcesses.kill(process);
      process = null;
    }
  }

  @Override
  public void close() {
    kill();
  }
}

package io.sensepulse.launcher.testing;

import io.sensepulse.common.testing.ChildProcesses;
import io.sensepulse.common.testing.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A network camera for the launcher's tests: the camera module's GStreamer RTSP server
 * (verticles/camera/src/test/resources/rtsp_server.py, run by Debian's /usr/bin/python3, whose
 * GStreamer bindings it needs) streaming 320x240 at 15 fps with G.711 audio, in H.264 or H.265,
 * optionally asking for a user name and password. Ready once the script prints READY.
 */
public final class RtspCamera implements AutoCloseable {
  public static final String MOUNT = "/cam";

  private final int port;
  private final List<String> command;
  private Process process;

  private RtspCamera(int port, List<String> command) {
    this.port = port;
    this.command = command;
  }

  /**
   * @param codec h264 or h265
   * @param credentials {@code user:password} the camera asks for, or null for none
   */
  public static RtspCamera start(String codec, String credentials) throws IOException {
    int port = RedisServer.freePort();
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script().toString(), String.valueOf(port), MOUNT, codec));
    if (credentials != null) {
      command.addAll(List.of("--auth", credentials));
    }
    RtspCamera camera = new RtspCamera(port, List.copyOf(command));
    camera.launch();
    return camera;
  }

  /** A camera that loses power and comes back: SIGKILL, then the same server on the same port. */
  public void restart() throws IOException, InterruptedException {
    close();
    launch();
  }

  private void launch() throws IOException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (ChildProcesses.awaitReady(process, "READY"::equals, "rtsp-camera-" + port)) {
      return;
    }
    process.destroyForcibly();
    throw new IllegalStateException("the RTSP test server exited before listening (GStreamer's gst-rtsp-server installed?)");
  }

  /** The script in the camera module, found beside webroot/test (the launcher pom's pulse.webroot.tests). */
  public static Path script() {
    String tests = System.getProperty("pulse.webroot.tests");
    if (tests == null || tests.isBlank()) {
      throw new IllegalStateException("system property pulse.webroot.tests is not set (the launcher pom's failsafe setup sets it)");
    }
    Path script = Path.of(tests).toAbsolutePath().getParent().getParent()
        .resolve("verticles/camera/src/test/resources/rtsp_server.py");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("no RTSP test server script at " + script);
    }
    return script;
  }

  /** rtsp://[userInfo@]127.0.0.1:port/cam */
  public String url(String userInfo) {
    return "rtsp://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port + MOUNT;
  }

  @Override
  public void close() {
    ChildProcesses.kill(process);
  }
}

package io.sensepulse.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camera through the real hub (launcher/bin/pulse hub, its Pi 3B JVM flags) from a GStreamer RTSP
 * camera to HTTP clients on loopback: seconds from {@code POST /api/cameras/{id}/start} to the first
 * playable HLS playlist and to the first live fragment; how old frames are when they reach a
 * {@code /live} WebSocket client and when their HLS segment is listed; ffmpeg's and the hub's CPU
 * and the hub's RSS with 1 and with 10 live viewers (plus HLS pollers).
 *
 * <p>Frame times: the RTSP server prints the wall clock at which its pipeline starts playing
 * (running time 0); the pipeline starts for the hub's ffmpeg, whose output timestamps start at its
 * first frame, so a frame at media time t was made at {@code PLAYING + t}. A live fragment's age is
 * its arrival minus the making of its first frame; a segment's, its first appearance in the
 * playlist (polled every 50 ms) minus the making of its first frame.
 *
 * <p>Usage: CameraBench [seconds-per-phase=20] [WIDTHxHEIGHT=1280x720] [fps=25]
 */
public final class CameraBench {
  private static final String CAMERA = "bench";
  private static final int MANY_VIEWERS = 10;
  private static final int HLS_POLLERS = 3;
  private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+),");
  private static final Pattern SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");
  private static final Pattern PROGRAM_DATE = Pattern.compile("#EXT-X-PROGRAM-DATE-TIME:(\\S+)");

  private final List<Process> processes = new ArrayList<>();
  private Vertx vertx;
  private HttpClient http;
  private WebSocketClient sockets;
  private int port;
  private double playingAt;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String size = args.length > 1 ? args[1] : "1280x720";
    int fps = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    CameraBench bench = new CameraBench();
    try {
      bench.run(seconds, size, fps);
    } finally {
      bench.close();
    }
  }

  private void run(int seconds, String size, int fps) throws Exception {
    Path work = Files.createTempDirectory("camera-bench");
    int redisPort = freePort();
    start(work.resolve("redis.log"), "redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", work.toString());
    int rtspPort = freePort();
    Path rtspLog = work.resolve("rtsp.log");
    start(rtspLog, "/usr/bin/python3", "verticles/camera/src/test/resources/rtsp_server.py", String.valueOf(rtspPort), "/cam",
        "h264", "--size", size, "--fps", String.valueOf(fps));
    awaitLine(rtspLog, "READY", 20);
    port = freePort();
    JsonArray cameras = new JsonArray().add(new JsonObject().put("id", CAMERA).put("rtsp_url", "rtsp://127.0.0.1:" + rtspPort + "/cam"));
    Process hub = start(work.resolve("hub.log"), Map.of(
            "PULSE_NODE_ID", "hub-bench", "PULSE_HTTP_PORT", String.valueOf(port), "PULSE_DATA_DIR", work.toString(),
            "PULSE_REDIS_URL", "redis://127.0.0.1:" + redisPort, "CAMERA_CONFIG", cameras.encode()),
        "launcher/bin/pulse", "hub");
    awaitLine(work.resolve("hub.log"), "Gateway listening on port", 90);
    System.out.printf(Locale.ROOT, "camera: %s at %d fps H.264 (1 s GOP) + G.711 from GStreamer's RTSP server; hub with launcher/bin/pulse's flags; loopback%n",
        size, fps);

    vertx = Vertx.vertx();
    http = vertx.createHttpClient();
    sockets = vertx.createWebSocketClient();

    // 1. start: first playable playlist and first live fragment, as the dashboard asks for them
    long startNanos = System.nanoTime();
    JsonObject started = request(HttpMethod.POST, "/api/cameras/" + CAMERA + "/start");
    if (!"ok".equals(started.getString("status"))) {
      throw new IllegalStateException("start_camera failed: " + started.encode());
    }
    Viewer first = new Viewer();
    first.open();
    HlsWatch hls = new HlsWatch();
    hls.poll();
    double toPlaylist = (hls.firstSegmentNanos.get(60, TimeUnit.SECONDS) - startNanos) / 1e9;
    double toFragment = (first.firstFragmentNanos.get(60, TimeUnit.SECONDS) - startNanos) / 1e9;
    playingAt = playingTime(rtspLog);
    System.out.printf(Locale.ROOT, "camera: start_camera -> first playlist with a segment %.2f s, -> first live fragment %.2f s (target: first picture < 2 s)%n",
        toPlaylist, toFragment);

    // 2. one viewer
    ProcessHandle ffmpeg = hub.toHandle().descendants()
        .filter(process -> process.info().command().map(command -> command.endsWith("/ffmpeg")).orElse(false))
        .findFirst().orElseThrow(() -> new IllegalStateException("no ffmpeg under the hub"));
    first.ages.clear();
    hls.ages.clear();
    phase("1 viewer", seconds, hub, ffmpeg, List.of(first), hls);

    // 3. ten live viewers and HLS pollers fetching playlist and segments as a player does
    List<Viewer> viewers = new ArrayList<>(List.of(first));
    for (int i = 1; i < MANY_VIEWERS; i++) {
      Viewer viewer = new Viewer();
      viewer.open();
      try {
        viewer.firstFragmentNanos.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("viewer " + i + " had no fragment after 30 s: " + viewer.messages
            + " messages, video track " + Arrays.toString(viewer.video));
      }
      viewers.add(viewer);
    }
    List<HlsPlayer> players = new ArrayList<>();
    for (int i = 0; i < HLS_POLLERS; i++) {
      players.add(new HlsPlayer());
    }
    viewers.forEach(viewer -> viewer.ages.clear());
    hls.ages.clear();
    phase(MANY_VIEWERS + " viewers + " + HLS_POLLERS + " HLS", seconds, hub, ffmpeg, viewers, hls);
    players.forEach(HlsPlayer::stop);
    long bytes = players.stream().mapToLong(player -> player.bytes).sum();
    System.out.printf(Locale.ROOT, "camera:   the HLS pollers fetched %.1f MB of segments%n", bytes / 1e6);

    hls.stopped = true;
    long stopNanos = System.nanoTime();
    JsonObject stopped = request(HttpMethod.POST, "/api/cameras/" + CAMERA + "/stop");
    System.out.printf(Locale.ROOT, "camera: stop_camera answered after %.2f s (%s); ffmpeg %s%n", (System.nanoTime() - stopNanos) / 1e9,
        stopped.getString("status"), ffmpeg.isAlive() ? "STILL RUNNING" : "gone");
    System.out.println("camera: method: frame ages against the RTSP server's PLAYING wall-clock time plus the media time;"
        + " live = arrival of a fragment at a WebSocket client minus the making of its first frame (its later frames are younger"
        + " by up to the fragment length; the dashboard's player keeps 0.3 s of buffer on top); HLS = first listing of a segment"
        + " minus the making of its first frame (hls.js, two target durations behind the edge, shows frames about 1 s older)");
  }

  /** Measures one phase: frame ages, ffmpeg's and the hub's CPU share, the hub's RSS at its end. */
  private void phase(String label, int seconds, Process hub, ProcessHandle ffmpeg, List<Viewer> viewers, HlsWatch hls) throws Exception {
    long hubTicks = cpuTicks(hub.pid());
    long ffmpegTicks = cpuTicks(ffmpeg.pid());
    long from = System.nanoTime();
    vertx.timer(seconds, TimeUnit.SECONDS).await();
    double elapsed = (System.nanoTime() - from) / 1e9;
    double ticksPerSecond = clockTicks();
    double ffmpegCpu = (cpuTicks(ffmpeg.pid()) - ffmpegTicks) / ticksPerSecond / elapsed * 100;
    double hubCpu = (cpuTicks(hub.pid()) - hubTicks) / ticksPerSecond / elapsed * 100;
    List<Double> live = new ArrayList<>();
    viewers.forEach(viewer -> live.addAll(viewer.ages));
    System.out.printf(Locale.ROOT, "camera: %-20s live age p50 %.3f s p99 %.3f s max %.3f s (n=%d, target < 1 s); HLS segment age p50 %.2f s max %.2f s (n=%d, target < 4 s)%n",
        label, percentile(live, 50), percentile(live, 99), percentile(live, 100), live.size(),
        percentile(hls.ages, 50), percentile(hls.ages, 100), hls.ages.size());
    System.out.printf(Locale.ROOT, "camera: %-20s ffmpeg CPU %.1f %% of a core, hub CPU %.1f %%, hub RSS %s (peak %s)%n",
        label, ffmpegCpu, hubCpu, status(hub.pid(), "VmRSS"), status(hub.pid(), "VmHWM"));
    if (hls.pdtOffsets.size() > 0) {
      System.out.printf(Locale.ROOT, "camera: %-20s PROGRAM-DATE-TIME minus the frame's making: p50 %.2f s%n",
          label, percentile(hls.pdtOffsets, 50));
    }
  }

  /** One /live WebSocket client: the age of each fragment's first frame on arrival. */
  private final class Viewer {
    final CompletableFuture<Long> firstFragmentNanos = new CompletableFuture<>();
    final List<Double> ages = Collections.synchronizedList(new ArrayList<>());
    /** {id, timescale} of the video track, from the init segment. */
    long[] video;
    int messages;

    void open() {
      WebSocket socket = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/live/" + CAMERA).addHeader("Origin", "http://127.0.0.1:" + port)).await();
      socket.binaryMessageHandler(message -> {
        double arrival = System.currentTimeMillis() / 1000.0;
        ByteBuffer bytes = ByteBuffer.wrap(message.getBytes());
        messages++;
        if (video == null) {
          video = Mp4Boxes.videoTrack(bytes);
        }
        List<Long> decodeTimes = video == null ? List.of() : Mp4Boxes.decodeTimes(bytes, video[0]);
        if (!decodeTimes.isEmpty()) {
          firstFragmentNanos.complete(System.nanoTime());
          // Of the init reply's fragments (the GOP so far) only the newest is live; the rest are catch-up.
          long newest = decodeTimes.get(decodeTimes.size() - 1);
          if (playingAt > 0) {
            ages.add(arrival - (playingAt + newest / (double) video[1]));
          }
        }
      });
    }
  }

  /** Polls the playlist every 50 ms: when the first segment is listed, and the age of each new segment. */
  private final class HlsWatch {
    final CompletableFuture<Long> firstSegmentNanos = new CompletableFuture<>();
    final List<Double> ages = Collections.synchronizedList(new ArrayList<>());
    final List<Double> pdtOffsets = Collections.synchronizedList(new ArrayList<>());
    /** media sequence number to the segment's start in media time */
    final Map<Long, Double> starts = new HashMap<>();
    final Set<Long> seen = new HashSet<>();
    boolean stopped;

    void poll() {
      if (stopped) {
        return;
      }
      get("/hls/" + CAMERA + "/index.m3u8").onComplete(playlist -> {
        if (playlist.succeeded() && playlist.result() != null) {
          read(playlist.result().toString(StandardCharsets.UTF_8), System.currentTimeMillis() / 1000.0);
        }
        vertx.setTimer(50, id -> poll());
      });
    }

    void read(String playlist, double now) {
      Matcher sequence = SEQUENCE.matcher(playlist);
      if (!sequence.find()) {
        return;
      }
      long number = Long.parseLong(sequence.group(1));
      String pdt = null;
      for (String line : playlist.split("\n")) {
        Matcher date = PROGRAM_DATE.matcher(line);
        Matcher duration = EXTINF.matcher(line);
        if (date.matches()) {
          pdt = date.group(1);
        } else if (duration.matches()) {
          long current = number;
          starts.computeIfAbsent(current + 1, next -> starts.getOrDefault(current, 0.0) + Double.parseDouble(duration.group(1)));
        } else if (line.endsWith(".ts")) {
          firstSegmentNanos.complete(System.nanoTime());
          if (seen.add(number) && playingAt > 0 && starts.containsKey(number) && number > 0) {
            double made = playingAt + starts.get(number);
            ages.add(now - made);
            if (pdt != null) {
              pdtOffsets.add(java.time.OffsetDateTime.parse(pdt.replaceFirst("(\\d\\d)(\\d\\d)$", "$1:$2"))
                  .toInstant().toEpochMilli() / 1000.0 - made);
            }
          }
          number++;
          pdt = null;
        }
      }
    }
  }

  /** A player's load: the playlist every second and each segment once. */
  private final class HlsPlayer {
    final Set<String> fetched = new HashSet<>();
    long bytes;
    long timer;

    HlsPlayer() {
      timer = vertx.setPeriodic(1000, id -> get("/hls/" + CAMERA + "/index.m3u8").onSuccess(playlist -> {
        for (String line : playlist.toString(StandardCharsets.UTF_8).split("\n")) {
          if (line.endsWith(".ts") && fetched.add(line)) {
            get("/hls/" + CAMERA + "/" + line).onSuccess(segment -> bytes += segment.length());
          }
        }
      }));
    }

    void stop() {
      vertx.cancelTimer(timer);
    }
  }

  // ---- HTTP

  private JsonObject request(HttpMethod method, String path) {
    return http.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path))
        .compose(request -> request.send())
        .compose(HttpClientResponse::body)
        .map(body -> new JsonObject(body))
        .await();
  }

  /** The body, or null for anything but 200. */
  private Future<Buffer> get(String path) {
    return http.request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode() == 200 ? body : null));
  }

  // ---- processes

  private Process start(Path log, String... command) throws IOException {
    return start(log, Map.of(), command);
  }

  private Process start(Path log, Map<String, String> env, String... command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private static void awaitLine(Path log, String prefix, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(line -> line.contains(prefix))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no '" + prefix + "' in " + log + " within " + seconds + " s:\n" + Files.readString(log));
  }

  private static double playingTime(Path rtspLog) throws IOException {
    return Files.readAllLines(rtspLog).stream().filter(line -> line.startsWith("PLAYING "))
        .mapToDouble(line -> Double.parseDouble(line.substring(8))).findFirst()
        .orElseThrow(() -> new IllegalStateException("the RTSP server never said PLAYING"));
  }

  private void close() throws InterruptedException {
    if (vertx != null) {
      vertx.close().await();
    }
    // The hub first, so that it ends its ffmpeg; then the camera and Redis.
    for (Process process : processes.stream().sorted(java.util.Comparator.comparing(processes::indexOf).reversed()).toList()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  // ---- /proc

  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // after the command name in parentheses: state is field 3, utime 14 and stime 15
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static double clockTicks() throws IOException, InterruptedException {
    Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
    try (BufferedReader output = new BufferedReader(new InputStreamReader(getconf.getInputStream(), StandardCharsets.UTF_8))) {
      return Double.parseDouble(output.readLine().trim());
    } finally {
      getconf.waitFor();
    }
  }

  private static String status(long pid, String key) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
        .filter(line -> line.startsWith(key + ":"))
        .map(line -> String.format(Locale.ROOT, "%.1f MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0))
        .findFirst().orElse("?");
  }

  private static double percentile(List<Double> values, int percent) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package io.sensepulse.bench;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.media.FragmentedMp4Reader;
import io.sensepulse.rig.recorder.RecorderVerticle;
import io.sensepulse.rig.recorder.SegmentWriter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The recorder's write path. First the sustained rate of {@link SegmentWriter} (split, write, hash,
 * fdatasync every second) fed a pre-recorded 30 Mbps fragmented MP4 from memory as fast as it
 * goes, against the same FileChannel writing zeros with the same fdatasync cadence. Then the
 * footage lost when the recorder's JVM is killed with SIGKILL mid-recording: the playable
 * duration ffprobe finds on disk against the wall time since the pipeline was launched.
 * Usage: RecorderWrite [work-dir] [total-MB=1024] [record-seconds=12]
 */
public final class RecorderWrite {
  private static final long FORCE_NANOS = 1_000_000_000L;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("victim")) {
      victim(Path.of(args[1]));
      return;
    }
    Path work = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir")).resolve("recorder-write-" + ProcessHandle.current().pid());
    long totalBytes = (args.length > 1 ? Long.parseLong(args[1]) : 1024) * 1024 * 1024;
    int recordSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    Files.createDirectories(work);
    try {
      throughput(work, totalBytes);
      lossOnKill(work, recordSeconds);
    } finally {
      deleteTree(work);
    }
  }

  private static void throughput(Path work, long totalBytes) throws Exception {
    byte[] stream = encode(work);
    int fragments = countFragments(stream);
    System.out.printf(Locale.ROOT, "recorder-write: stream of %.1f MB, %d fragments (10 s of 1280x720 at 30 Mbps)%n",
        stream.length / 1e6, fragments);
    Path segments = Files.createDirectories(work.resolve("segments"));
    long written = 0;
    int round = 0;
    long start = System.nanoTime();
    while (written < totalBytes) {
      int thisRound = round++;
      long[] bytes = {0};
      SegmentWriter writer = new SegmentWriter(segments,
          // one file per pass, as a 60 s segment would be: per-file fsyncs at their real rate, not 30 a second
          index -> String.format(Locale.ROOT, "R%03d_%03d.mp4", thisRound, index), 60, new SegmentWriter.Events() {
            @Override public void initialised(io.sensepulse.rig.recorder.Mp4Inspector.VideoTrack video) {}

            @Override public void segmentOpening(int index, String file, double startSeconds) {}

            @Override public void segmentClosed(SegmentWriter.Segment segment) {
              bytes[0] += segment.bytes();
            }
          }, System::nanoTime);
      new FragmentedMp4Reader(writer).feed(stream);
      writer.close();
      written += bytes[0];
      clear(segments);
    }
    double segmentSeconds = (System.nanoTime() - start) / 1e9;
    double segmentRate = written / segmentSeconds / 1e6;

    byte[] zeros = new byte[stream.length / Math.max(1, fragments)];
    long zeroBytes = 0;
    start = System.nanoTime();
    long lastForce = start;
    try (FileChannel channel = FileChannel.open(work.resolve("zeros.bin"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      while (zeroBytes < written) {
        ByteBuffer buffer = ByteBuffer.wrap(zeros);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        zeroBytes += zeros.length;
        if (System.nanoTime() - lastForce >= FORCE_NANOS) {
          channel.force(false);
          lastForce = System.nanoTime();
        }
      }
      channel.force(false);
    }
    double zeroRate = zeroBytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    Files.delete(work.resolve("zeros.bin"));

    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    start = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      digest.update(stream);
    }
    double hashRate = 10.0 * stream.length / ((System.nanoTime() - start) / 1e9) / 1e6;
    System.out.printf(Locale.ROOT, "recorder-write: segment writer %.0f MB/s (%.0f Mbps of video) over %.0f MB%n",
        segmentRate, segmentRate * 8, written / 1e6);
    System.out.printf(Locale.ROOT, "recorder-write: plain FileChannel, same chunks and fdatasync cadence: %.0f MB/s%n", zeroRate);
    System.out.printf(Locale.ROOT, "recorder-write: SHA-256 alone: %.0f MB/s%n", hashRate);
    System.out.printf(Locale.ROOT, "recorder-write: ratio segment writer / sequential write = %.2f; headroom over a 35 Mbps recording: %.0fx%n",
        segmentRate / zeroRate, segmentRate * 8 / 35);
  }

  private static void lossOnKill(Path work, int recordSeconds) throws Exception {
    Path data = Files.createDirectories(work.resolve("victim"));
    Process victim = new ProcessBuilder(javaBinary(), "-Xss512k", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
        RecorderWrite.class.getName(), "victim", data.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8));
    double launched = -1;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.startsWith("LAUNCHED ")) {
        launched = Double.parseDouble(line.substring("LAUNCHED ".length()));
        break;
      }
    }
    if (launched < 0) {
      throw new IllegalStateException("the recorder JVM did not start recording");
    }
    Thread.sleep(Math.max(0, (long) (launched + recordSeconds * 1000L - System.currentTimeMillis())));
    List<ProcessHandle> pipeline = victim.descendants().toList();
    victim.toHandle().destroyForcibly();
    double killed = System.currentTimeMillis();
    // the whole node dies at once, as in a crash: ffmpeg too, not only the JVM
    pipeline.forEach(ProcessHandle::destroyForcibly);
    victim.waitFor();
    for (ProcessHandle process : pipeline) {
      process.onExit().get();
    }
    double playable = 0;
    int files = 0;
    Path recordings = data.resolve("recordings");
    try (Stream<Path> segments = Files.list(recordings)) {
      for (Path file : segments.filter(path -> path.toString().endsWith(".mp4")).sorted().toList()) {
        playable += playableSeconds(file);
        files++;
      }
    }
    JsonObject manifest = new JsonObject(Files.readString(recordings.resolve("KILL_CAM_B.json")));
    double wall = (killed - launched) / 1000;
    System.out.printf(Locale.ROOT, "recorder-write: kill -9 after %.1f s of recording: %.1f s playable in %d segment files,"
            + " %.1f s lost (manifest lists %d segments, complete=%s)%n", wall, playable, files, wall - playable,
        manifest.getJsonArray("segments").size(), manifest.getBoolean("complete"));
    System.out.println("recorder-write: a killed process leaves the page cache intact; a power cut also loses what the"
        + " last fdatasync (at most ~1 s earlier) did not reach");
  }

  /** The recorder node under test: the real verticle on ffmpeg's test source, until it is killed. */
  private static void victim(Path data) throws Exception {
    Vertx vertx = Vertx.vertx();
    JsonObject config = new JsonObject().put("node_id", "CAM_B").put("data_dir", data.toString())
        .put("capture", "test").put("codec", "h264").put("resolution", "640x360").put("fps", 30).put("bitrate_mbps", 4)
        .put("segment_seconds", 5).put("min_free_minutes", 1);
    vertx.deployVerticle(new RecorderVerticle(), new DeploymentOptions().setConfig(config)).await();
    boolean[] told = {false};
    vertx.eventBus().<JsonObject>consumer(Addresses.RIG_STATUS, message -> {
      Object launched = message.body().getValue("first_frame_local_ms");
      if (launched != null && !told[0]) {
        told[0] = true;
        System.out.println("LAUNCHED " + launched);
        System.out.flush();
      }
    });
    JsonObject reply = vertx.eventBus().<JsonObject>request(Addresses.rigNode("CAM_B"),
        new JsonObject().put("action", "start").put("session", "KILL")).await().body();
    if (!"ok".equals(reply.getString("status"))) {
      System.err.println("start refused: " + reply.encode());
      System.exit(1);
    }
  }

  private static byte[] encode(Path work) throws IOException, InterruptedException {
    Path file = work.resolve("source.mp4");
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "10", "-c:v", "libx264", "-preset", "ultrafast",
        "-g", "30", "-b:v", "30M", "-maxrate", "30M", "-bufsize", "60M", "-f", "mp4",
        "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "1000000", file.toString())
        .inheritIO().start();
    if (ffmpeg.waitFor() != 0) {
      throw new IOException("ffmpeg could not make the source stream");
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.delete(file);
    return bytes;
  }

  private static int countFragments(byte[] stream) {
    int[] count = {0};
    new FragmentedMp4Reader(new FragmentedMp4Reader.Listener() {
      @Override public void init(byte[] initSegment) {}

      @Override public void fragment(FragmentedMp4Reader.Fragment fragment) {
        count[0]++;
      }
    }).feed(stream);
    return count[0];
  }

  private static double playableSeconds(Path file) throws IOException, InterruptedException {
    Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration,start_time",
        "-of", "default=noprint_wrappers=1", file.toString()).start();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    probe.waitFor();
    double duration = 0;
    double startTime = 0;
    for (String line : out.split("\n")) {
      String[] pair = line.trim().split("=", 2);
      if (pair.length == 2 && !pair[1].equals("N/A")) {
        if (pair[0].equals("duration")) {
          duration = Double.parseDouble(pair[1]);
        } else if (pair[0].equals("start_time")) {
          startTime = Double.parseDouble(pair[1]);
        }
      }
    }
    return Math.max(0, duration - startTime);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void clear(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(all::add);
    }
    for (Path path : all) {
      Files.deleteIfExists(path);
    }
  }
}

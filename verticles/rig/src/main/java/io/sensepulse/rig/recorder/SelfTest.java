package io.sensepulse.rig.recorder;

import io.sensepulse.rig.RigClock;
import io.sensepulse.rig.capture.CaptureCommands;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Records a few seconds through the real pipeline and segment writer into a scratch folder,
 * re-reads every segment once to check its SHA-256 against the one computed while writing, then
 * deletes it all: {@code {result: pass|fail, encoder, codec, seconds, segments, errors}}.
 */
final class SelfTest {
  private SelfTest() {}

  /** A pipeline that has produced nothing after this long (beyond the recording time) has failed. */
  static final long FIRST_FRAGMENT_PATIENCE_MILLIS = 20_000;

  static Future<JsonObject> run(Vertx vertx, WorkerExecutor executor, CaptureCommands.Pipeline pipeline, String codec,
      Path scratch, RecorderSettings settings, RigClock clock) {
    Promise<JsonObject> result = Promise.promise();
    List<SegmentWriter.Segment> segments = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Recording[] recording = {null};
    boolean[] started = {false};
    long watchdog = vertx.setTimer(settings.selftestSeconds() * 1000L + FIRST_FRAGMENT_PATIENCE_MILLIS, id -> {
      errors.add("no video within " + (settings.selftestSeconds() * 1000L + FIRST_FRAGMENT_PATIENCE_MILLIS) / 1000 + " s");
      recording[0].stop();
    });
    recording[0] = new Recording(vertx, vertx.getOrCreateContext(), executor, pipeline, scratch,
        index -> String.format(Locale.ROOT, "selftest_%03d.mp4", index), settings.segmentSeconds(), clock,
        new Recording.Listener() {
          @Override public void firstFragment(double localMillis, double videoSeconds) {
            if (!started[0]) {
              started[0] = true;
              vertx.setTimer(settings.selftestSeconds() * 1000L, id -> recording[0].stop());
            }
          }

          @Override public void segmentClosed(SegmentWriter.Segment segment) {
            segments.add(segment);
          }

          @Override public void ended(Recording.Ending ending) {
            vertx.cancelTimer(watchdog);
            if (ending.error() != null) {
              errors.add(ending.error());
            }
            if (segments.isEmpty()) {
              errors.add("no segment was written");
            }
            vertx.executeBlocking(() -> verifyAndDelete(scratch, segments), false).onComplete(verifyErrors -> {
              errors.addAll(verifyErrors);
              double seconds = segments.stream().mapToDouble(SegmentWriter.Segment::durationSeconds).sum();
              result.complete(new JsonObject()
                  .put("result", errors.isEmpty() ? "pass" : "fail")
                  .put("encoder", pipeline.encoder())
                  .put("codec", codec)
                  .put("seconds", Math.round(seconds * 1000) / 1000.0)
                  .put("segments", segments.size())
                  .put("errors", new JsonArray(errors)));
            }, result::fail);
          }
        });
    recording[0].launchAt(clock.nowMillis());
    return result.future();
  }

  /** Every mismatch or read failure as a message; the scratch folder is gone afterwards. */
  static List<String> verifyAndDelete(Path scratch, List<SegmentWriter.Segment> segments) throws IOException {
    List<String> errors = new ArrayList<>();
    for (SegmentWriter.Segment segment : segments) {
      Path file = scratch.resolve(segment.file());
      MessageDigest digest = SegmentWriter.sha256();
      long bytes = 0;
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) > 0) {
          digest.update(buffer, 0, read);
          bytes += read;
        }
      } catch (IOException e) {
        errors.add("cannot re-read " + segment.file() + ": " + e.getMessage());
        continue;
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(segment.sha256()) || bytes != segment.bytes()) {
        errors.add(segment.file() + ": on disk " + bytes + " bytes sha256 " + actual + ", written " + segment.bytes()
            + " bytes sha256 " + segment.sha256());
      }
    }
    try (Stream<Path> files = Files.walk(scratch)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
    return errors;
  }
}

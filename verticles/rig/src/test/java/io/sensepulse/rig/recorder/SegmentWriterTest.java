package io.sensepulse.rig.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.media.FragmentedMp4Reader;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment writer on a real 7 s stream from ffmpeg, fed in chunks of random sizes. */
class SegmentWriterTest {
  static byte[] stream;
  @TempDir Path dir;

  @BeforeAll
  static void encode() throws Exception {
    stream = Media.fragmentedMp4("libx264", 7, true);
  }

  private record Written(List<String> opened, List<SegmentWriter.Segment> closed, SegmentWriter writer,
      List<Double> firstVideo) {}

  private Written write(double segmentSeconds) throws Exception {
    List<String> opened = new ArrayList<>();
    List<SegmentWriter.Segment> closed = new ArrayList<>();
    List<Double> firstVideo = new ArrayList<>();
    SegmentWriter writer = new SegmentWriter(dir, index -> String.format(Locale.ROOT, "S1_CAM_L_20260101_120000_%03d.mp4", index),
        segmentSeconds, new SegmentWriter.Events() {
          @Override public void initialised(Mp4Inspector.VideoTrack video) {}

          @Override public void segmentOpening(int index, String file, double startSeconds) {
            // named before it exists: the manifest can list every file a crash leaves
            assertFalse(Files.exists(dir.resolve(file)), file + " created before it was announced");
            opened.add(file);
          }

          @Override public void segmentClosed(SegmentWriter.Segment segment) {
            closed.add(segment);
          }

          @Override public void firstVideo(double seconds) {
            firstVideo.add(seconds);
          }
        }, System::nanoTime);
    FragmentedMp4Reader reader = new FragmentedMp4Reader(writer);
    Random random = new Random(7);
    for (int position = 0; position < stream.length; ) {
      int length = Math.min(stream.length - position, 1 + random.nextInt(40_000));
      reader.feed(stream, position, length);
      position += length;
    }
    writer.close();
    return new Written(opened, closed, writer, firstVideo);
  }

  @Test
  void segmentsRollAtKeyframesAfterTheirLengthAndEachPlaysOnItsOwn() throws Exception {
    Written written = write(2);
    assertEquals(List.of("S1_CAM_L_20260101_120000_000.mp4", "S1_CAM_L_20260101_120000_001.mp4",
        "S1_CAM_L_20260101_120000_002.mp4", "S1_CAM_L_20260101_120000_003.mp4"), written.opened());
    assertEquals(4, written.closed().size());
    double start = 0;
    for (SegmentWriter.Segment segment : written.closed()) {
      Path file = dir.resolve(segment.file());
      assertEquals(Media.sha256(file), segment.sha256(), "the hash is of exactly the bytes on disk");
      assertEquals(Files.size(file), segment.bytes());
      assertEquals(start, segment.startSeconds(), 1e-9, "segments follow each other");
      start += segment.durationSeconds();
      JsonObject probe = Media.probe(file);
      assertEquals(0, probe.getInteger("exit"), probe.getString("errors"));
      assertNotNull(Media.videoStream(probe), "a video stream in " + segment.file());
      assertEquals(segment.durationSeconds(), Media.duration(probe), 0.1);
    }
    List<Double> durations = written.closed().stream().map(SegmentWriter.Segment::durationSeconds).toList();
    List<Double> expected = List.of(2.0, 2.0, 2.0, 1.0);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), durations.get(i), 0.05, "two keyframe fragments of a second each: " + durations);
    }
    assertEquals(7.0, start, 0.05);
  }

  @Test
  void theLatestKeyframeMakesASmallPlayableClip() throws Exception {
    Written written = write(60);
    assertEquals(1, written.closed().size());
    byte[] clip = written.writer().latestKeyframeClip();
    Path file = dir.resolve("clip.mp4");
    Files.write(file, clip);
    JsonObject probe = Media.probe(file);
    assertEquals(0, probe.getInteger("exit"), probe.getString("errors"));
    assertEquals(1.0, Media.duration(probe), 0.1, "one fragment of a second");
    byte[] whole = Files.readAllBytes(dir.resolve(written.closed().get(0).file()));
    int initLength = clipInitLength(clip);
    assertArrayEquals(java.util.Arrays.copyOf(whole, initLength), java.util.Arrays.copyOf(clip, initLength));
    // the last keyframe fragment, followed in the file only by ffmpeg's closing audio-only fragment
    byte[] fragment = java.util.Arrays.copyOfRange(clip, initLength, clip.length);
    int at = whole.length - fragment.length;
    while (at > 0 && !java.util.Arrays.equals(whole, at, at + fragment.length, fragment, 0, fragment.length)) {
      at--;
    }
    assertTrue(at > whole.length - fragment.length - 1000, "the newest keyframe fragment sits at the end, found at " + at);
  }

  @Test
  void nothingIsWrittenBeforeTheFirstFragment() throws Exception {
    SegmentWriter writer = new SegmentWriter(dir, index -> "x.mp4", 2, null, System::nanoTime);
    assertNull(writer.latestKeyframeClip());
    writer.close();
    try (var files = Files.list(dir)) {
      assertTrue(files.findAny().isEmpty());
    }
  }

  /** ftyp + moov at the start of the clip. */
  private static int clipInitLength(byte[] clip) {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(clip);
    int ftyp = buffer.getInt(0);
    return ftyp + buffer.getInt(ftyp);
  }

  @Test
  void theFirstVideoFragmentIsReportedOnceWithTheSecondsOfVideoInIt() throws Exception {
    // a camera pipeline's first frame is dated from this: the fragment's arrival less its video
    List<Double> firstVideo = write(2).firstVideo();
    assertEquals(1, firstVideo.size(), firstVideo.toString());
    assertEquals(1.0, firstVideo.get(0), 1.0 / 15, "one keyframe interval, 15 frames at 15 fps, to a frame");
  }
}

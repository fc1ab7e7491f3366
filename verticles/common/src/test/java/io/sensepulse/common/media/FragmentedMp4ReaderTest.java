package io.sensepulse.common.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads what a real ffmpeg writes: H.264 with AAC audio, fragments cut at keyframes and between them. */
class FragmentedMp4ReaderTest {
  @TempDir static Path dir;
  static byte[] keyframeFragments;
  static byte[] timedFragments;

  @BeforeAll
  static void encode() throws Exception {
    keyframeFragments = ffmpeg(dir.resolve("a.mp4"), "frag_keyframe+empty_moov+default_base_moof");
    // 0.2 s fragments inside a 1 s GOP: most fragments start on a non-sync sample
    timedFragments = ffmpeg(dir.resolve("b.mp4"), "frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "200000");
  }

  private static byte[] ffmpeg(Path out, String movflags, String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
        "-t", "3", "-c:v", "libx264", "-g", "10", "-c:a", "aac", "-movflags", movflags));
    command.addAll(List.of(extra));
    command.add(out.toString());
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertEquals(0, process.waitFor(), "ffmpeg failed");
    return Files.readAllBytes(out);
  }

  private record Collected(List<byte[]> inits, List<FragmentedMp4Reader.Fragment> fragments) {}

  private static Collected read(byte[] stream, long seed) {
    var inits = new ArrayList<byte[]>();
    var fragments = new ArrayList<FragmentedMp4Reader.Fragment>();
    var reader = new FragmentedMp4Reader(new FragmentedMp4Reader.Listener() {
      @Override public void init(byte[] initSegment) {
        inits.add(initSegment);
      }

      @Override public void fragment(FragmentedMp4Reader.Fragment fragment) {
        fragments.add(fragment);
      }
    });
    Random random = new Random(seed);
    int position = 0;
    while (position < stream.length) {
      int length = Math.min(stream.length - position, 1 + random.nextInt(5000));
      reader.feed(stream, position, length);
      position += length;
    }
    return new Collected(inits, fragments);
  }

  @Test
  void initAndFragmentsRebuildTheFileWithoutItsTrailingIndex() {
    Collected read = read(keyframeFragments, 1);
    assertEquals(1, read.inits().size());
    assertEquals("ftyp", new String(read.inits().get(0), 4, 4));
    var rebuilt = new ByteArrayOutputStream();
    rebuilt.writeBytes(read.inits().get(0));
    read.fragments().forEach(fragment -> rebuilt.writeBytes(fragment.bytes()));
    byte[] expected = java.util.Arrays.copyOf(keyframeFragments, rebuilt.size());
    assertArrayEquals(expected, rebuilt.toByteArray());
    // what is left is ffmpeg's trailing mfra index
    assertEquals("mfra", new String(keyframeFragments, rebuilt.size() + 4, 4));
  }

  @Test
  void everyKeyframeCutFragmentStartsOnASyncSample() {
    Collected read = read(keyframeFragments, 2);
    assertTrue(read.fragments().size() >= 3, "3 s with a keyframe every second");
    read.fragments().forEach(fragment -> assertTrue(fragment.keyframe(), "fragment " + fragment.sequence()));
    for (int i = 0; i < read.fragments().size(); i++) {
      assertEquals(i + 1, read.fragments().get(i).sequence());
    }
  }

  @Test
  void fragmentsCutBetweenKeyframesAreMarkedAsSuch() {
    Collected read = read(timedFragments, 3);
    long keyframes = read.fragments().stream().filter(FragmentedMp4Reader.Fragment::keyframe).count();
    assertTrue(read.fragments().get(0).keyframe());
    assertTrue(keyframes >= 3 && keyframes < read.fragments().size(),
        keyframes + " keyframe fragments of " + read.fragments().size());
  }

  @Test
  void aPlainMp4IsRefusedWithAReason() {
    byte[] mdatFirst = ByteBuffer.allocate(16).putInt(16).put("mdat".getBytes()).putLong(0).array();
    var reader = new FragmentedMp4Reader(new FragmentedMp4Reader.Listener() {
      @Override public void init(byte[] initSegment) {}

      @Override public void fragment(FragmentedMp4Reader.Fragment fragment) {}
    });
    var error = assertThrows(FragmentedMp4Reader.FormatException.class, () -> reader.feed(mdatFirst));
    assertTrue(error.getMessage().contains("before the moov"), error.getMessage());
    assertFalse(reader.initialised());
  }

  @Test
  void anImpossibleBoxSizeIsRefused() {
    byte[] tiny = ByteBuffer.allocate(8).putInt(4).put("ftyp".getBytes()).array();
    var reader = new FragmentedMp4Reader(new FragmentedMp4Reader.Listener() {
      @Override public void init(byte[] initSegment) {}

      @Override public void fragment(FragmentedMp4Reader.Fragment fragment) {}
    });
    assertThrows(FragmentedMp4Reader.FormatException.class, () -> reader.feed(tiny));
  }
}

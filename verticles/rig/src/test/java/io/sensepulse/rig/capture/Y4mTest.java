package io.sensepulse.rig.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Y4mTest {
  /** Two frames of ffmpeg's testsrc2 at 16x8, 25 fps, as {@code -f yuv4mpegpipe -pix_fmt yuv420p} wrote them. */
  private static byte[] capture() throws IOException {
    try (InputStream in = Y4mTest.class.getResourceAsStream("/capture/testsrc2-16x8-25fps-2frames.y4m")) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsFfmpegsHeaderAndBothFramesWhole() throws IOException {
    byte[] stream = capture();
    Y4m.Reader reader = new Y4m.Reader(new ByteArrayInputStream(stream));
    Y4m.Header header = reader.header();
    assertEquals(16, header.width());
    assertEquals(8, header.height());
    assertEquals(40.0, header.frameMillis(), 1e-9);
    assertEquals("420jpeg", header.chroma());
    assertEquals(16 * 8 + 2 * 8 * 4, header.frameBytes());
    byte[] frame = new byte[reader.maxFrameBytes()];
    int offset = header.line().length;
    for (int i = 0; i < 2; i++) {
      int length = reader.next(frame);
      assertEquals("FRAME\n".length() + header.frameBytes(), length);
      assertArrayEquals(Arrays.copyOfRange(stream, offset, offset + length), Arrays.copyOf(frame, length));
      offset += length;
    }
    assertEquals(stream.length, offset);
    assertEquals(-1, reader.next(frame));
  }

  @Test
  void aFrameCutShortByTheWriterStoppingIsTheEnd() throws IOException {
    byte[] stream = capture();
    Y4m.Reader reader = new Y4m.Reader(new ByteArrayInputStream(Arrays.copyOf(stream, stream.length - 10)));
    byte[] frame = new byte[reader.maxFrameBytes()];
    assertTrue(reader.next(frame) > 0);
    assertEquals(-1, reader.next(frame));
  }

  @Test
  void sizesOddDimensionsAndOtherChromaLayouts() throws IOException {
    assertEquals(5 * 3 + 2 * 3 * 2, header("YUV4MPEG2 W5 H3 F30000:1001 C420mpeg2").frameBytes());
    assertEquals(30000.0 / 1001, 1000 / header("YUV4MPEG2 W5 H3 F30000:1001").frameMillis(), 1e-9);
    assertEquals(4 * 2 * 2, header("YUV4MPEG2 W4 H2 F25:1 C422").frameBytes());
    assertEquals(3 * 4 * 2, header("YUV4MPEG2 W4 H2 F25:1 C444").frameBytes());
    assertEquals(4 * 2, header("YUV4MPEG2 W4 H2 F25:1 Cmono").frameBytes());
  }

  @Test
  void rejectsWhatIsNotY4mWithItsReason() {
    assertTrue(assertThrows(Y4m.FormatException.class, () -> header("RIFF W4 H2 F25:1")).getMessage().contains("not a YUV4MPEG2"));
    assertTrue(assertThrows(Y4m.FormatException.class, () -> header("YUV4MPEG2 W4 F25:1")).getMessage().contains("lacks"));
    assertTrue(assertThrows(Y4m.FormatException.class, () -> header("YUV4MPEG2 W4 H2 F0:1")).getMessage().contains("frame rate"));
    assertTrue(assertThrows(Y4m.FormatException.class, () -> header("YUV4MPEG2 W4 H2 F25:1 C420p10")).getMessage().contains("chroma"));
    Y4m.Reader noFrameLine = new Y4m.Reader(new ByteArrayInputStream(
        "YUV4MPEG2 W2 H2 F25:1\nFRAMX\n123456".getBytes(StandardCharsets.US_ASCII)));
    assertThrows(Y4m.FormatException.class, () -> noFrameLine.next(new byte[2048]));
    assertThrows(Y4m.FormatException.class, () -> new Y4m.Reader(new ByteArrayInputStream(new byte[0])).header());
  }

  private static Y4m.Header header(String line) throws Y4m.FormatException {
    return Y4m.parseHeader((line + "\n").getBytes(StandardCharsets.US_ASCII));
  }
}

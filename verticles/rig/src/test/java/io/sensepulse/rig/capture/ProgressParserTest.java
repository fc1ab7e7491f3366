package io.sensepulse.rig.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On ffmpeg 5.1's real {@code -progress pipe:2} output, captured from the test source. */
class ProgressParserTest {
  static String resource(String name) throws IOException {
    try (InputStream in = ProgressParserTest.class.getResourceAsStream("/capture/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private record Parsed(List<Progress> blocks, List<String> lines) {}

  private static Parsed parse(String text) {
    List<Progress> blocks = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    ProgressParser parser = new ProgressParser(blocks::add, lines::add);
    text.lines().forEach(parser::line);
    return new Parsed(blocks, lines);
  }

  @Test
  void everyBlockOfARealRunIsReadUpToItsEnd() throws IOException {
    Parsed parsed = parse(resource("progress-audio-video.txt"));
    assertEquals(7, parsed.blocks().size());
    assertTrue(parsed.lines().isEmpty(), parsed.lines().toString());
    Progress first = parsed.blocks().get(0);
    assertEquals(1, first.frame());
    assertEquals(-1, first.bitrateKbps(), "N/A before the first packet");
    Progress second = parsed.blocks().get(1);
    assertEquals(8, second.frame());
    assertEquals(43.3, second.bitrateKbps(), 1e-9);
    assertEquals(234_667, second.outTimeMicros());
    assertEquals(0.461, second.speed(), 1e-9);
    Progress last = parsed.blocks().get(parsed.blocks().size() - 1);
    assertTrue(last.ended());
    assertFalse(second.ended());
    assertEquals(45, last.frame(), "3 s at 15 fps");
  }

  @Test
  void droppedFramesAndEncodeRateAreReported() throws IOException {
    Parsed parsed = parse(resource("progress-dropping.txt"));
    Progress last = parsed.blocks().get(parsed.blocks().size() - 1);
    assertEquals(12, last.droppedFrames());
    assertEquals(0, last.duplicatedFrames());
    assertEquals(10.69, last.fps(), 1e-9);
    assertEquals(602.1, last.bitrateKbps(), 1e-9);
    assertEquals(1.03, last.speed(), 1e-9);
  }

  @Test
  void ffmpegsOwnMessagesBetweenBlocksAreKeptApart() {
    Parsed parsed = parse("frame=3\nfps=0.00\n[h264 @ 0x5583] error while decoding MB 4 2\nprogress=continue\n"
        + "rtsp://cam/stream: Connection refused\n");
    assertEquals(1, parsed.blocks().size());
    assertEquals(3, parsed.blocks().get(0).frame());
    assertEquals(List.of("[h264 @ 0x5583] error while decoding MB 4 2", "rtsp://cam/stream: Connection refused"),
        parsed.lines());
  }
}

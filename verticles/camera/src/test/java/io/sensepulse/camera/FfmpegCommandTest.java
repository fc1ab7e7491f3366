package io.sensepulse.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {
  private static final String URL = "rtsp://admin:s3cret@cam:554/live;profile=1 'x'";
  private final List<String> arguments = new FfmpegCommand("/usr/bin/ffmpeg", 5000, 200, 6)
      .arguments(URL, "udp", Path.of("/data/hls/door"));

  /** The value after {@code option}, in the output that starts at {@code from}. */
  private String after(String option, int from) {
    int index = arguments.subList(from, arguments.size()).indexOf(option);
    assertTrue(index >= 0, option + " missing from " + arguments);
    return arguments.get(from + index + 1);
  }

  @Test
  void anArgumentListForProcessBuilderNeverAShell() {
    assertEquals("/usr/bin/ffmpeg", arguments.get(0));
    assertFalse(arguments.contains("sh") || arguments.contains("-c") || arguments.contains("bash"));
    assertEquals(URL, after("-i", 0), "the URL is one argument, whatever it contains");
    assertEquals("udp", after("-rtsp_transport", 0));
    assertEquals("5000000", after("-timeout", 0), "RTSP socket timeout in microseconds: a dead host fails fast");
    assertEquals("-nostdin", arguments.get(2));
  }

  @Test
  void hlsWithCopiedVideoAndAacAudioInOneSecondSegments() {
    int hls = arguments.indexOf("hls");
    assertEquals("-f", arguments.get(hls - 1));
    List<String> beforeHls = arguments.subList(arguments.indexOf("-i"), hls);
    assertTrue(String.join(" ", beforeHls).contains("-map 0:v:0 -map 0:a:0? -c:v copy -c:a aac"), beforeHls.toString());
    assertEquals("1", after("-hls_time", hls));
    assertEquals("6", after("-hls_list_size", hls));
    String flags = after("-hls_flags", hls);
    assertTrue(flags.contains("delete_segments") && flags.contains("program_date_time"), flags);
    assertEquals("/data/hls/door/seg_%d.ts", after("-hls_segment_filename", hls));
    assertTrue(arguments.contains("/data/hls/door/index.m3u8"));
  }

  @Test
  void theSameProcessWritesFragmentedMp4ForTheLiveViewOnStdout() {
    int mp4 = arguments.indexOf("mp4");
    assertEquals("pipe:1", arguments.get(arguments.size() - 1));
    assertEquals("frag_keyframe+empty_moov+default_base_moof", after("-movflags", mp4));
    assertEquals("200000", after("-frag_duration", mp4), "200 ms fragments keep the live view well under a second");
    assertEquals(2, Collections.frequency(arguments, "copy"), "video copied in both outputs");
    assertEquals(1, Collections.frequency(arguments, "-i"), "one upstream connection");
  }
}

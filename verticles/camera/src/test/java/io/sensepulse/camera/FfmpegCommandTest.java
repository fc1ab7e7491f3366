package io.sensepulse.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.media.RtspInput;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {
  private static final String URL = "rtsp://admin:s3cret@cam:554/live;profile=1 'x'";
  private final FfmpegCommand command = new FfmpegCommand("/usr/bin/ffmpeg", 5000, 200, 6);
  private final RtspInput input = command.input(URL, "udp");
  private final List<String> arguments = command.arguments(input, Path.of("/data/hls/door"));

  /** The value after {@code option}. */
  private String after(String option) {
    int index = arguments.indexOf(option);
    assertTrue(index >= 0, option + " missing from " + arguments);
    return arguments.get(index + 1);
  }

  /** The tee muxer's outputs, in order. */
  private List<String> outputs() {
    assertEquals("tee", arguments.get(arguments.lastIndexOf("-f") + 1));
    return List.of(arguments.get(arguments.size() - 1).split("\\|"));
  }

  @Test
  void anArgumentListForProcessBuilderNeverAShell() {
    assertEquals("/usr/bin/ffmpeg", arguments.get(0));
    assertFalse(arguments.contains("sh") || arguments.contains("-c") || arguments.contains("bash"));
    assertEquals("-nostdin", arguments.get(2));
  }

  @Test
  void theCameraUrlAndItsPasswordStayOffTheCommandLine() {
    assertFalse(String.join(" ", arguments).contains("s3cret"), arguments.toString());
    assertEquals("pipe:0", after("-i"));
    assertEquals("concat", after("-f"), "the input is the script on stdin");
    assertEquals("""
        ffconcat version 1.0
        file 'rtsp://admin:s3cret@cam:554/live;profile=1 '\\''x'\\'''
        option rtsp_transport 'udp'
        option timeout '5000000'
        option fpsprobesize '0'
        """, input.script(), "the URL whole, whatever it contains; the socket timeout in microseconds so a dead host "
        + "fails fast; no frame counting before the first picture");
  }

  @Test
  void oneEncodeOfCopiedVideoAndAacAudioFeedsBothOutputs() {
    List<String> afterInput = arguments.subList(arguments.indexOf("-i") + 2, arguments.size());
    assertTrue(String.join(" ", afterInput).startsWith("-map 0:v:0 -map 0:a:0? -c:v copy -c:a aac -flags +global_header -max_interleave_delta 20000 -f tee "),
        afterInput.toString());
    assertEquals(1, Collections.frequency(arguments, "-c:a"), "audio is encoded once");
    assertEquals(1, Collections.frequency(arguments, "-i"), "one upstream connection");
    assertEquals(2, outputs().size());
  }

  @Test
  void hlsInOneSecondSegmentsWithTheirWallClockTime() {
    assertEquals("[f=hls:hls_time=1:hls_list_size=6"
        + ":hls_flags=delete_segments+program_date_time+independent_segments+omit_endlist+temp_file"
        + ":hls_segment_filename=/data/hls/door/seg_%d.ts]/data/hls/door/index.m3u8", outputs().get(0));
  }

  @Test
  void theSameProcessWritesFragmentedMp4ForTheLiveViewOnStdout() {
    assertEquals("[f=mp4:movflags=frag_keyframe+empty_moov+default_base_moof:frag_duration=200000"
        + ":max_interleave_delta=20000:flush_packets=1]pipe:1",
        outputs().get(1), "200 ms fragments, each flushed at once, keep the live view well under a second");
  }

  @Test
  void aFolderTheTeeMuxerCannotNameIsRefused() {
    assertEquals("the HLS folder /data/a:b/door contains ':', which ffmpeg's tee muxer cannot take in a path",
        assertThrows(IllegalArgumentException.class, () -> command.arguments(input, Path.of("/data/a:b/door"))).getMessage());
  }
}

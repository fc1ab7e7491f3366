package io.sensepulse.rig.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sensepulse.common.media.FragmentedMp4Reader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On what a real ffmpeg writes, H.264 with audio and H.265 without. */
class Mp4InspectorTest {
  private record Stream(byte[] init, List<FragmentedMp4Reader.Fragment> fragments) {}

  private static Stream split(byte[] bytes) {
    List<byte[]> init = new ArrayList<>();
    List<FragmentedMp4Reader.Fragment> fragments = new ArrayList<>();
    new FragmentedMp4Reader(new FragmentedMp4Reader.Listener() {
      @Override public void init(byte[] initSegment) {
        init.add(initSegment);
      }

      @Override public void fragment(FragmentedMp4Reader.Fragment fragment) {
        fragments.add(fragment);
      }
    }).feed(bytes);
    return new Stream(init.get(0), fragments);
  }

  @Test
  void theVideoTrackAndTheFragmentsTimelineOfH264WithAudio() throws Exception {
    Stream stream = split(Media.fragmentedMp4("libx264", 4, true));
    Mp4Inspector inspector = Mp4Inspector.ofInit(stream.init());
    Mp4Inspector.VideoTrack video = inspector.video();
    assertEquals("avc1", video.sampleEntry());
    assertEquals("h264", video.codecName());
    assertEquals(320, video.width());
    assertEquals(180, video.height());
    long expectedStart = 0;
    long total = 0;
    for (FragmentedMp4Reader.Fragment fragment : stream.fragments()) {
      Mp4Inspector.Span span = inspector.span(fragment.bytes());
      if (!span.hasVideo()) {
        // ffmpeg's last fragment holds only the audio left over
        assertEquals(stream.fragments().get(stream.fragments().size() - 1), fragment);
        continue;
      }
      assertEquals(expectedStart, span.startTicks(), "fragments follow each other without gaps");
      expectedStart = span.startTicks() + span.durationTicks();
      total += span.durationTicks();
    }
    assertEquals(4.0, total / (double) video.timescale(), 0.05, "4 s of video, 60 frames at 15 fps");
  }

  @Test
  void anH265StreamSaysSo() throws Exception {
    Stream stream = split(Media.fragmentedMp4("libx265", 2, false));
    Mp4Inspector.VideoTrack video = Mp4Inspector.ofInit(stream.init()).video();
    assertEquals("hvc1", video.sampleEntry());
    assertEquals("h265", video.codecName());
  }

  @Test
  void anInitWithoutMovieIsRefused() {
    byte[] ftypOnly = {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};
    assertThrows(IllegalArgumentException.class, () -> Mp4Inspector.ofInit(ftypOnly));
  }
}

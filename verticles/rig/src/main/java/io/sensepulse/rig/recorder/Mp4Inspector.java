package io.sensepulse.rig.recorder;

import io.sensepulse.common.media.Mp4Boxes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the recorder needs from a fragmented MP4 beyond its boxes: the video track's codec, size
 * and timescale from the init segment, and each fragment's place on the video timeline (its
 * {@code tfdt} and the sum of its {@code trun} sample durations), so segments are cut by media
 * time whatever the wall clock does. Pure: bytes in, numbers out.
 */
public final class Mp4Inspector {

  /**
   * @param sampleEntry the video sample entry's four-character code: avc1, avc3, hvc1, hev1...
   * @param timescale ticks per second of the video track
   */
  public record VideoTrack(long trackId, String sampleEntry, int width, int height, long timescale) {
    /** h264, h265 or the sample entry itself when it is neither. */
    public String codecName() {
      return switch (sampleEntry) {
        case "avc1", "avc3" -> "h264";
        case "hvc1", "hev1" -> "h265";
        default -> sampleEntry;
      };
    }
  }

  /**
   * A fragment's span on the video timeline, in the track's ticks; {@code startTicks} is -1 for a
   * fragment without video samples (ffmpeg flushes the last audio on its own).
   */
  public record Span(long startTicks, long durationTicks) {
    public boolean hasVideo() {
      return startTicks >= 0;
    }
  }

  private final VideoTrack video;
  private final long defaultSampleDuration;

  private Mp4Inspector(VideoTrack video, long defaultSampleDuration) {
    this.video = video;
    this.defaultSampleDuration = defaultSampleDuration;
  }

  /** Reads the init segment ({@code ftyp} + {@code moov}); fails when it has no video track. */
  public static Mp4Inspector ofInit(byte[] init) {
    ByteBuffer all = ByteBuffer.wrap(init);
    ByteBuffer[] moov = {null};
    Mp4Boxes.forEachChild(all, (type, body) -> {
      if (type.equals("moov")) {
        moov[0] = body;
      }
    });
    if (moov[0] == null) {
      throw new IllegalArgumentException("the init segment has no moov");
    }
    VideoTrack[] video = {null};
    Map<Long, Long> trexDurations = new HashMap<>();
    Mp4Boxes.forEachChild(moov[0], (type, body) -> {
      if (type.equals("trak") && video[0] == null) {
        video[0] = videoTrack(body);
      } else if (type.equals("mvex")) {
        Mp4Boxes.forEachChild(body, (childType, child) -> {
          if (childType.equals("trex")) {
            child.getInt();
            long trackId = Integer.toUnsignedLong(child.getInt());
            child.getInt();
            trexDurations.put(trackId, Integer.toUnsignedLong(child.getInt()));
          }
        });
      }
    });
    if (video[0] == null) {
      throw new IllegalArgumentException("the init segment has no video track");
    }
    return new Mp4Inspector(video[0], trexDurations.getOrDefault(video[0].trackId(), 0L));
  }

  public VideoTrack video() {
    return video;
  }

  /** The fragment's video span. */
  public Span span(byte[] fragment) {
    long[] start = {-1};
    long[] duration = {0};
    Mp4Boxes.forEachChild(ByteBuffer.wrap(fragment), (type, moof) -> {
      if (!type.equals("moof")) {
        return;
      }
      Mp4Boxes.forEachChild(moof, (moofChild, traf) -> {
        if (moofChild.equals("traf")) {
          readTrackFragment(traf, start, duration);
        }
      });
    });
    return new Span(start[0], duration[0]);
  }

  private void readTrackFragment(ByteBuffer traf, long[] start, long[] duration) {
    long[] sampleDuration = {defaultSampleDuration};
    boolean[] isVideo = {false};
    Mp4Boxes.forEachChild(traf, (type, body) -> {
      switch (type) {
        case "tfhd" -> {
          int flags = body.getInt() & 0x00ff_ffff;
          isVideo[0] = Integer.toUnsignedLong(body.getInt()) == video.trackId();
          if ((flags & 0x01) != 0) {
            body.getLong();
          }
          if ((flags & 0x02) != 0) {
            body.getInt();
          }
          if ((flags & 0x08) != 0) {
            sampleDuration[0] = Integer.toUnsignedLong(body.getInt());
          }
        }
        case "tfdt" -> {
          if (isVideo[0]) {
            int version = body.get(body.position()) & 0xff;
            body.getInt();
            start[0] = version == 1 ? body.getLong() : Integer.toUnsignedLong(body.getInt());
          }
        }
        case "trun" -> {
          if (isVideo[0]) {
            duration[0] += runDuration(body, sampleDuration[0]);
          }
        }
        default -> {
          // sbgp, sgpd, saio...: nothing about time
        }
      }
    });
  }

  private static long runDuration(ByteBuffer trun, long defaultDuration) {
    int flags = trun.getInt() & 0x00ff_ffff;
    long samples = Integer.toUnsignedLong(trun.getInt());
    if ((flags & 0x100) == 0) {
      return samples * defaultDuration;
    }
    if ((flags & 0x01) != 0) {
      trun.getInt();
    }
    if ((flags & 0x04) != 0) {
      trun.getInt();
    }
    int skipAfterDuration = 4 * (Integer.bitCount(flags & 0xe00));
    long total = 0;
    for (long i = 0; i < samples; i++) {
      total += Integer.toUnsignedLong(trun.getInt());
      trun.position(trun.position() + skipAfterDuration);
    }
    return total;
  }

  private static VideoTrack videoTrack(ByteBuffer trak) {
    long[] trackId = {-1};
    int[] size = {0, 0};
    long[] timescale = {0};
    String[] handler = {""};
    String[] entry = {""};
    Mp4Boxes.forEachChild(trak, (type, body) -> {
      if (type.equals("tkhd")) {
        int version = body.get(body.position()) & 0xff;
        trackId[0] = Integer.toUnsignedLong(body.getInt(body.position() + (version == 1 ? 20 : 12)));
        // width and height close the box, 16.16 fixed point
        size[0] = body.getInt(body.limit() - 8) >>> 16;
        size[1] = body.getInt(body.limit() - 4) >>> 16;
      } else if (type.equals("mdia")) {
        Mp4Boxes.forEachChild(body, (mdiaType, mdia) -> {
          switch (mdiaType) {
            case "mdhd" -> {
              int version = mdia.get(mdia.position()) & 0xff;
              timescale[0] = Integer.toUnsignedLong(mdia.getInt(mdia.position() + (version == 1 ? 20 : 12)));
            }
            case "hdlr" -> handler[0] = fourCc(mdia, mdia.position() + 8);
            case "minf" -> entry[0] = sampleEntry(mdia);
            default -> {
              // elng and friends
            }
          }
        });
      }
    });
    if (!handler[0].equals("vide")) {
      return null;
    }
    if (timescale[0] <= 0) {
      throw new IllegalArgumentException("the video track has no timescale");
    }
    return new VideoTrack(trackId[0], entry[0], size[0], size[1], timescale[0]);
  }

  private static String sampleEntry(ByteBuffer minf) {
    String[] entry = {""};
    Mp4Boxes.forEachChild(minf, (type, body) -> {
      if (type.equals("stbl")) {
        Mp4Boxes.forEachChild(body, (stblType, stbl) -> {
          // stsd: version and flags, entry count, then the first entry's size and type
          if (stblType.equals("stsd") && stbl.remaining() >= 16) {
            entry[0] = fourCc(stbl, stbl.position() + 12);
          }
        });
      }
    });
    return entry[0];
  }

  private static String fourCc(ByteBuffer buffer, int at) {
    byte[] bytes = new byte[4];
    buffer.get(at, bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}

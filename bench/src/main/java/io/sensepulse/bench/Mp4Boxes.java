package io.sensepulse.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Just enough of ISO/IEC 14496-12 for CameraBench: the video track's id and timescale from an init
 * segment, and the decode time ({@code tfdt}) of the video track in each fragment. Pure.
 */
final class Mp4Boxes {
  private Mp4Boxes() {}

  private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "moof", "traf");

  /** {id, timescale} of the first video track of the init segment at the start of bytes, or null. */
  static long[] videoTrack(ByteBuffer bytes) {
    for (ByteBuffer trak : find(bytes, List.of("moov", "trak"))) {
      List<ByteBuffer> handler = find(trak, List.of("mdia", "hdlr"));
      if (!handler.isEmpty() && type(handler.get(0), 8).equals("vide")) {
        ByteBuffer tkhd = find(trak, List.of("tkhd")).get(0);
        ByteBuffer mdhd = find(trak, List.of("mdia", "mdhd")).get(0);
        boolean longTimes = tkhd.get(0) == 1;
        long id = Integer.toUnsignedLong(tkhd.getInt(longTimes ? 20 : 12));
        long timescale = Integer.toUnsignedLong(mdhd.getInt(mdhd.get(0) == 1 ? 20 : 12));
        return new long[] {id, timescale};
      }
    }
    return null;
  }

  /** The video track's decode time of each fragment in bytes, in order. */
  static List<Long> decodeTimes(ByteBuffer bytes, long trackId) {
    List<Long> times = new ArrayList<>();
    for (ByteBuffer traf : find(bytes, List.of("moof", "traf"))) {
      List<ByteBuffer> tfhd = find(traf, List.of("tfhd"));
      List<ByteBuffer> tfdt = find(traf, List.of("tfdt"));
      if (!tfhd.isEmpty() && !tfdt.isEmpty() && Integer.toUnsignedLong(tfhd.get(0).getInt(4)) == trackId) {
        ByteBuffer decode = tfdt.get(0);
        times.add(decode.get(0) == 1 ? decode.getLong(4) : Integer.toUnsignedLong(decode.getInt(4)));
      }
    }
    return times;
  }

  /** The payloads (after the 8-byte header) of the boxes at this path. */
  private static List<ByteBuffer> find(ByteBuffer bytes, List<String> path) {
    List<ByteBuffer> found = new ArrayList<>();
    int offset = 0;
    while (offset + 8 <= bytes.limit()) {
      long size = Integer.toUnsignedLong(bytes.getInt(offset));
      String type = type(bytes, offset + 4);
      if (size < 8 || offset + size > bytes.limit()) {
        break;
      }
      if (type.equals(path.get(0))) {
        ByteBuffer payload = bytes.slice(offset + 8, (int) size - 8);
        if (path.size() == 1) {
          found.add(payload);
        } else if (CONTAINERS.contains(type)) {
          found.addAll(find(payload, path.subList(1, path.size())));
        }
      }
      offset += (int) size;
    }
    return found;
  }

  private static String type(ByteBuffer bytes, int offset) {
    byte[] type = new byte[4];
    bytes.get(offset, type);
    return new String(type, StandardCharsets.ISO_8859_1);
  }
}

package io.sensepulse.common.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Splits a fragmented MP4 byte stream (ISO/IEC 14496-12, as ffmpeg writes it with
 * {@code -movflags frag_keyframe+empty_moov+default_base_moof}) into its initialisation segment
 * ({@code ftyp} + {@code moov}) and its fragments ({@code moof} + {@code mdat}), fed in chunks of
 * any size. Each fragment says whether its video starts on a sync sample, so a late viewer or a new
 * file can begin there. Pure: bytes in, callbacks out; not thread safe.
 */
public final class FragmentedMp4Reader {

  /** Receives what the reader finds, in stream order. */
  public interface Listener {
    /** The initialisation segment, once, before any fragment. */
    void init(byte[] initSegment);

    /** One fragment: {@code moof} and its {@code mdat}, with any {@code styp}/{@code sidx} before them. */
    void fragment(Fragment fragment);
  }

  /**
   * @param bytes the fragment's boxes, ready to append to the init segment
   * @param keyframe the video track's first sample is a sync sample (true when there is no video)
   * @param sequence the {@code mfhd} sequence number
   */
  public record Fragment(byte[] bytes, boolean keyframe, long sequence) {}

  /** The stream is not a fragmented MP4 this reader can follow. */
  public static final class FormatException extends RuntimeException {
    public FormatException(String message) {
      super(message);
    }
  }

  /** Bounds one box, so a corrupt size cannot make the reader buffer without end. */
  public static final long MAX_BOX_BYTES = 64L * 1024 * 1024;

  private static final int SAMPLE_IS_NON_SYNC = 0x0001_0000;

  private final Listener listener;
  private byte[] pending = new byte[64 * 1024];
  private int pendingLength;
  private final ByteArrayOutputStream init = new ByteArrayOutputStream();
  private boolean initDone;
  private final ByteArrayOutputStream fragment = new ByteArrayOutputStream();
  private boolean fragmentHasMoof;
  private boolean fragmentKeyframe;
  private long fragmentSequence;
  /** track id to trex default sample flags, from the moov. */
  private final Map<Long, Integer> trackDefaultFlags = new HashMap<>();
  /** track id of the (first) video track, or -1 when the movie has none. */
  private long videoTrackId = -1;

  public FragmentedMp4Reader(Listener listener) {
    this.listener = listener;
  }

  /** True once the init segment has gone to the listener. */
  public boolean initialised() {
    return initDone;
  }

  public void feed(byte[] chunk) {
    feed(chunk, 0, chunk.length);
  }

  public void feed(byte[] chunk, int offset, int length) {
    ensureCapacity(pendingLength + length);
    System.arraycopy(chunk, offset, pending, pendingLength, length);
    pendingLength += length;
    int position = 0;
    while (true) {
      long boxSize = boxSizeAt(position);
      if (boxSize < 0 || position + boxSize > pendingLength) {
        break;
      }
      box(position, (int) boxSize);
      position += (int) boxSize;
    }
    System.arraycopy(pending, position, pending, 0, pendingLength - position);
    pendingLength -= position;
  }

  private void ensureCapacity(int needed) {
    if (needed > pending.length) {
      byte[] larger = new byte[Math.max(needed, pending.length * 2)];
      System.arraycopy(pending, 0, larger, 0, pendingLength);
      pending = larger;
    }
  }

  /** The size of the box starting at {@code position}, or -1 when its header is not all here yet. */
  private long boxSizeAt(int position) {
    if (pendingLength - position < 8) {
      return -1;
    }
    ByteBuffer header = ByteBuffer.wrap(pending, position, pendingLength - position);
    long size = Integer.toUnsignedLong(header.getInt());
    if (size == 1) {
      if (pendingLength - position < 16) {
        return -1;
      }
      header.getInt();
      size = header.getLong();
    } else if (size == 0) {
      throw new FormatException("box '" + type(position) + "' runs to the end of the stream; not a fragmented MP4");
    }
    if (size < 8 || size > MAX_BOX_BYTES) {
      throw new FormatException("box '" + type(position) + "' has an impossible size " + size);
    }
    return size;
  }

  private String type(int position) {
    return new String(pending, position + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private void box(int position, int size) {
    String type = type(position);
    switch (type) {
      case "ftyp" -> init.write(pending, position, size);
      case "moov" -> {
        init.write(pending, position, size);
        readMovie(ByteBuffer.wrap(pending, position, size).slice());
        initDone = true;
        listener.init(init.toByteArray());
        init.reset();
      }
      case "styp", "sidx", "prft" -> {
        if (initDone) {
          fragment.write(pending, position, size);
        }
      }
      case "moof" -> {
        requireInit(type);
        fragment.write(pending, position, size);
        fragmentHasMoof = true;
        readFragmentHeader(ByteBuffer.wrap(pending, position, size).slice());
      }
      case "mdat" -> {
        requireInit(type);
        if (!fragmentHasMoof) {
          throw new FormatException("mdat without a moof before it; not a fragmented MP4");
        }
        fragment.write(pending, position, size);
        listener.fragment(new Fragment(fragment.toByteArray(), fragmentKeyframe, fragmentSequence));
        fragment.reset();
        fragmentHasMoof = false;
      }
      default -> {
        // free, skip, mfra (at the very end), uuid: nothing a player needs
      }
    }
  }

  private void requireInit(String type) {
    if (!initDone) {
      throw new FormatException(type + " before the moov; not a fragmented MP4");
    }
  }

  private void readMovie(ByteBuffer moov) {
    forEachChild(moov, 8, (type, body) -> {
      if (type.equals("trak")) {
        readTrack(body);
      } else if (type.equals("mvex")) {
        forEachChild(body, 0, (childType, child) -> {
          if (childType.equals("trex")) {
            child.getInt(); // version and flags
            long trackId = Integer.toUnsignedLong(child.getInt());
            child.getInt(); // default sample description index
            child.getInt(); // default sample duration
            child.getInt(); // default sample size
            trackDefaultFlags.put(trackId, child.getInt());
          }
        });
      }
    });
  }

  private void readTrack(ByteBuffer trak) {
    long[] trackId = {-1};
    boolean[] video = {false};
    forEachChild(trak, 0, (type, body) -> {
      if (type.equals("tkhd")) {
        int version = body.get() & 0xff;
        body.position(body.position() + 3 + (version == 1 ? 16 : 8));
        trackId[0] = Integer.toUnsignedLong(body.getInt());
      } else if (type.equals("mdia")) {
        forEachChild(body, 0, (mdiaType, mdia) -> {
          if (mdiaType.equals("hdlr")) {
            mdia.position(mdia.position() + 8); // version, flags, pre_defined
            byte[] handler = new byte[4];
            mdia.get(handler);
            video[0] = new String(handler, java.nio.charset.StandardCharsets.ISO_8859_1).equals("vide");
          }
        });
      }
    });
    if (video[0] && videoTrackId < 0) {
      videoTrackId = trackId[0];
    }
  }

  private void readFragmentHeader(ByteBuffer moof) {
    fragmentKeyframe = videoTrackId < 0;
    forEachChild(moof, 8, (type, body) -> {
      if (type.equals("mfhd")) {
        body.getInt();
        fragmentSequence = Integer.toUnsignedLong(body.getInt());
      } else if (type.equals("traf")) {
        readTrackFragment(body);
      }
    });
  }

  private void readTrackFragment(ByteBuffer traf) {
    long[] trackId = {-1};
    Integer[] defaultFlags = {null};
    forEachChild(traf, 0, (type, body) -> {
      if (type.equals("tfhd")) {
        int flags = body.getInt() & 0x00ff_ffff;
        trackId[0] = Integer.toUnsignedLong(body.getInt());
        defaultFlags[0] = trackDefaultFlags.get(trackId[0]);
        if ((flags & 0x01) != 0) {
          body.getLong(); // base data offset
        }
        if ((flags & 0x02) != 0) {
          body.getInt(); // sample description index
        }
        if ((flags & 0x08) != 0) {
          body.getInt(); // default sample duration
        }
        if ((flags & 0x10) != 0) {
          body.getInt(); // default sample size
        }
        if ((flags & 0x20) != 0) {
          defaultFlags[0] = body.getInt();
        }
      } else if (type.equals("trun") && trackId[0] == videoTrackId) {
        int flags = body.getInt() & 0x00ff_ffff;
        long samples = Integer.toUnsignedLong(body.getInt());
        if (samples == 0) {
          return;
        }
        if ((flags & 0x01) != 0) {
          body.getInt(); // data offset
        }
        Integer firstFlags = defaultFlags[0];
        if ((flags & 0x04) != 0) {
          firstFlags = body.getInt();
        } else if ((flags & 0x400) != 0) {
          if ((flags & 0x100) != 0) {
            body.getInt(); // sample duration
          }
          if ((flags & 0x200) != 0) {
            body.getInt(); // sample size
          }
          firstFlags = body.getInt();
        }
        fragmentKeyframe = firstFlags == null || (firstFlags & SAMPLE_IS_NON_SYNC) == 0;
      }
    });
  }

  /** Visits the child boxes of a container whose children start {@code skip} bytes into it. */
  private static void forEachChild(ByteBuffer container, int skip, Mp4Boxes.ChildVisitor visitor) {
    try {
      Mp4Boxes.forEachChild(container.slice(container.position() + skip, container.remaining() - skip), visitor);
    } catch (IllegalArgumentException e) {
      throw new FormatException("inside the movie: " + e.getMessage());
    }
  }
}

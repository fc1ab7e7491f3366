package io.sensepulse.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * The live view's start for a new viewer: the init segment and every fragment since the last
 * keyframe, so playback starts at once instead of at the next keyframe. Bounded in bytes: a GOP
 * that outgrows the bound is dropped whole (a cache that does not start on a keyframe is useless)
 * and caching resumes at the next keyframe. Pure; not thread safe.
 */
public final class GopCache {
  /** What a new viewer gets: init + cached fragments as one byte array, and the last fragment's sequence. */
  public record Snapshot(byte[] bytes, long seq) {}

  private final long maxBytes;
  private byte[] init;
  private final List<byte[]> fragments = new ArrayList<>();
  private long fragmentBytes;
  /** False after an overflow or before the first keyframe: fragments are not worth keeping until the next keyframe. */
  private boolean startsOnKeyframe;
  private long lastSeq;

  public GopCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** A new init segment: a new ffmpeg run, whose fragments do not follow the old ones. */
  public void init(byte[] initSegment, long seq) {
    init = initSegment;
    clear();
    lastSeq = seq;
  }

  public void add(byte[] fragment, boolean keyframe, long seq) {
    lastSeq = seq;
    if (keyframe) {
      clear();
      startsOnKeyframe = true;
    }
    if (!startsOnKeyframe) {
      return;
    }
    if (fragmentBytes + fragment.length > maxBytes) {
      clear();
      return;
    }
    fragments.add(fragment);
    fragmentBytes += fragment.length;
  }

  private void clear() {
    fragments.clear();
    fragmentBytes = 0;
    startsOnKeyframe = false;
  }

  /** Null until ffmpeg has written an init segment. */
  public Snapshot snapshot() {
    if (init == null) {
      return null;
    }
    byte[] bytes = new byte[Math.toIntExact(init.length + fragmentBytes)];
    System.arraycopy(init, 0, bytes, 0, init.length);
    int position = init.length;
    for (byte[] fragment : fragments) {
      System.arraycopy(fragment, 0, bytes, position, fragment.length);
      position += fragment.length;
    }
    return new Snapshot(bytes, lastSeq);
  }

  /** Bytes held, init included. */
  public long bytes() {
    return (init == null ? 0 : init.length) + fragmentBytes;
  }

  /** Forgets everything: the stream stopped. */
  public void reset() {
    init = null;
    clear();
  }
}

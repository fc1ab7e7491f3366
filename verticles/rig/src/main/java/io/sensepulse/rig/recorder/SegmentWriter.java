package io.sensepulse.rig.recorder;

import io.sensepulse.common.media.FragmentedMp4Reader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Writes a fragmented MP4 stream into segment files that each play on their own: init segment
 * followed by fragments, rolling to a new file at the first keyframe fragment at least
 * {@code segmentSeconds} of media after the segment began. Data is forced to disk (fdatasync)
 * about every second and when a segment closes, and each file's SHA-256 is computed from exactly
 * the bytes written, as they are written. Blocking: runs on the thread that reads the pipeline.
 * Not thread safe.
 */
public final class SegmentWriter implements FragmentedMp4Reader.Listener, AutoCloseable {

  /** What the writer tells its owner; called on the writing thread. */
  public interface Events {
    /** The init segment arrived: the stream's video track. */
    void initialised(Mp4Inspector.VideoTrack video);

    /**
     * A new segment file is about to be created; {@code startSeconds} is its media time since the
     * recording's first frame. The file is created when this returns: an owner that must name every
     * file before it exists (the manifest does) blocks here until it has.
     */
    void segmentOpening(int index, String file, double startSeconds);

    /** A segment is complete on disk. */
    void segmentClosed(Segment segment);

    /** The first fragment with video arrived; it holds this many seconds of it. */
    default void firstVideo(double seconds) {}
  }

  /** A finished segment: what the manifest lists. */
  public record Segment(int index, String file, String sha256, long bytes, double startSeconds, double durationSeconds) {}

  /** Forced to disk at least this often while writing. */
  static final long FORCE_INTERVAL_NANOS = 1_000_000_000L;

  private final Path directory;
  private final IntFunction<String> fileNames;
  private final double segmentSeconds;
  private final Events events;
  private final LongSupplier nanoTime;

  private byte[] init;
  private Mp4Inspector inspector;
  private long firstTicks = -1;
  private FileChannel channel;
  private MessageDigest digest;
  private int index = -1;
  private String file;
  private long bytes;
  private long segmentStartTicks;
  private long segmentEndTicks;
  private long lastForceNanos;
  private volatile byte[] latestKeyframeFragment;
  private IOException failure;

  /**
   * @param fileNames segment index to file name
   * @param nanoTime the monotonic clock that paces the forcing (System::nanoTime)
   */
  public SegmentWriter(Path directory, IntFunction<String> fileNames, double segmentSeconds, Events events,
      LongSupplier nanoTime) {
    this.directory = directory;
    this.fileNames = fileNames;
    this.segmentSeconds = segmentSeconds;
    this.events = events;
    this.nanoTime = nanoTime;
  }

  @Override
  public void init(byte[] initSegment) {
    init = initSegment;
    inspector = Mp4Inspector.ofInit(initSegment);
    events.initialised(inspector.video());
  }

  /**
   * Appends a fragment, rolling over first when it is due. An I/O failure is kept and rethrown
   * unchecked: the stream cannot go on without its file.
   */
  @Override
  public void fragment(FragmentedMp4Reader.Fragment fragment) {
    Mp4Inspector.Span span = inspector.span(fragment.bytes());
    if (firstTicks < 0 && span.hasVideo()) {
      firstTicks = span.startTicks();
      events.firstVideo((double) span.durationTicks() / inspector.video().timescale());
    }
    try {
      long timescale = inspector.video().timescale();
      boolean due = channel != null && fragment.keyframe() && span.hasVideo()
          && span.startTicks() - segmentStartTicks >= (long) (segmentSeconds * timescale);
      if (due) {
        closeSegment();
      }
      if (channel == null) {
        openSegment(span.hasVideo() ? span.startTicks() : Math.max(0, firstTicks));
      }
      write(fragment.bytes());
      if (span.hasVideo()) {
        segmentEndTicks = Math.max(segmentEndTicks, span.startTicks() + span.durationTicks());
      }
      if (nanoTime.getAsLong() - lastForceNanos >= FORCE_INTERVAL_NANOS) {
        force();
      }
    } catch (IOException e) {
      failure = e;
      throw new java.io.UncheckedIOException("writing " + directory.resolve(file) + ": " + e.getMessage(), e);
    }
    if (fragment.keyframe()) {
      latestKeyframeFragment = fragment.bytes();
    }
  }

  /** Init segment plus the newest keyframe fragment: a tiny playable file for a snapshot; null before the first. */
  public byte[] latestKeyframeClip() {
    byte[] fragment = latestKeyframeFragment;
    if (fragment == null || init == null) {
      return null;
    }
    byte[] clip = new byte[init.length + fragment.length];
    System.arraycopy(init, 0, clip, 0, init.length);
    System.arraycopy(fragment, 0, clip, init.length, fragment.length);
    return clip;
  }

  /** Closes the open segment, forced to disk, and reports it. */
  @Override
  public void close() throws IOException {
    if (channel != null && failure == null) {
      closeSegment();
    } else if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  private void openSegment(long startTicks) throws IOException {
    index++;
    file = fileNames.apply(index);
    events.segmentOpening(index, file, seconds(startTicks - firstTicks));
    channel = FileChannel.open(directory.resolve(file), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    // the new name must survive a power cut too, not only its bytes
    try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
      folder.force(true);
    }
    digest = sha256();
    bytes = 0;
    segmentStartTicks = startTicks;
    segmentEndTicks = startTicks;
    write(init);
  }

  private void closeSegment() throws IOException {
    force();
    channel.close();
    channel = null;
    events.segmentClosed(new Segment(index, file, HexFormat.of().formatHex(digest.digest()), bytes,
        seconds(segmentStartTicks - firstTicks), seconds(segmentEndTicks - segmentStartTicks)));
  }

  private void write(byte[] data) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(data);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    digest.update(data);
    bytes += data.length;
  }

  private void force() throws IOException {
    channel.force(false);
    lastForceNanos = nanoTime.getAsLong();
  }

  private double seconds(long ticks) {
    return ticks / (double) inspector.video().timescale();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

package io.sensepulse.common.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Walks ISO BMFF (MP4) boxes in a buffer. Pure. */
public final class Mp4Boxes {
  private Mp4Boxes() {}

  @FunctionalInterface
  public interface ChildVisitor {
    void visit(String type, ByteBuffer body);
  }

  /**
   * Visits the boxes from the buffer's position to its limit; each body is a slice positioned at 0.
   * Throws IllegalArgumentException for a box whose size does not fit.
   */
  public static void forEachChild(ByteBuffer container, ChildVisitor visitor) {
    int position = container.position();
    int end = container.limit();
    while (end - position >= 8) {
      long size = Integer.toUnsignedLong(container.getInt(position));
      int header = 8;
      if (size == 1 && end - position >= 16) {
        size = container.getLong(position + 8);
        header = 16;
      }
      if (size < header || position + size > end) {
        throw new IllegalArgumentException("a box has an impossible size " + size);
      }
      byte[] type = new byte[4];
      container.get(position + 4, type);
      visitor.visit(new String(type, StandardCharsets.ISO_8859_1), container.slice(position + header, (int) size - header));
      position += (int) size;
    }
  }
}

package io.sensepulse.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GopCacheTest {
  private static byte[] bytes(int length, int value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  @Test
  void aNewViewerGetsTheInitAndTheFragmentsSinceTheLastKeyframe() {
    GopCache cache = new GopCache(1000);
    assertNull(cache.snapshot(), "nothing before the init segment");
    cache.init(bytes(2, 9), 1);
    cache.add(bytes(3, 1), false, 2); // before any keyframe: useless to a new viewer
    cache.add(bytes(3, 2), true, 3);
    cache.add(bytes(3, 3), false, 4);
    cache.add(bytes(3, 4), true, 5);
    cache.add(bytes(3, 5), false, 6);
    GopCache.Snapshot snapshot = cache.snapshot();
    assertArrayEquals(new byte[] {9, 9, 4, 4, 4, 5, 5, 5}, snapshot.bytes());
    assertEquals(6, snapshot.seq());
    assertEquals(8, cache.bytes());
  }

  @Test
  void aGopOverTheBoundIsDroppedWholeUntilTheNextKeyframe() {
    GopCache cache = new GopCache(10);
    cache.init(bytes(2, 9), 1);
    cache.add(bytes(4, 1), true, 2);
    cache.add(bytes(4, 2), false, 3);
    cache.add(bytes(4, 3), false, 4); // 12 bytes > 10
    cache.add(bytes(4, 4), false, 5);
    assertArrayEquals(new byte[] {9, 9}, cache.snapshot().bytes());
    assertEquals(5, cache.snapshot().seq(), "the viewer still skips everything up to the newest fragment");
    cache.add(bytes(4, 6), true, 6);
    assertArrayEquals(new byte[] {9, 9, 6, 6, 6, 6}, cache.snapshot().bytes());
  }

  @Test
  void aNewInitSegmentStartsAfreshAndResetForgetsAll() {
    GopCache cache = new GopCache(100);
    cache.init(bytes(2, 9), 1);
    cache.add(bytes(2, 1), true, 2);
    cache.init(bytes(1, 8), 3);
    assertArrayEquals(new byte[] {8}, cache.snapshot().bytes());
    cache.reset();
    assertNull(cache.snapshot());
    assertEquals(0, cache.bytes());
  }
}

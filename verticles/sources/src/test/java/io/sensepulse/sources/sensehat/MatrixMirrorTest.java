package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatrixMirrorTest {
  private final MatrixMirror mirror = new MatrixMirror(100);

  @Test
  void theFirstFrameGoesAtOnceAndAnUnchangedOneNeverAgain() {
    assertEquals(Optional.of(Icons.DROP), mirror.offer(Icons.DROP, 1_000));
    assertTrue(mirror.offer(Icons.DROP, 1_500).isEmpty());
    assertTrue(mirror.offer(Icons.DROP, 9_000).isEmpty());
  }

  @Test
  void changesWithinTheIntervalWaitAndTheLatestFollowsOnce() {
    mirror.offer(Icons.DROP, 1_000);
    assertTrue(mirror.offer(Icons.GAUGE, 1_020).isEmpty(), "fifty frames a second are held back");
    assertTrue(mirror.offer(Icons.THERMOMETER, 1_099).isEmpty());
    // The matrix now stays on the thermometer: the next tick after the interval sends it.
    assertEquals(Optional.of(Icons.THERMOMETER), mirror.offer(Icons.THERMOMETER, 1_100));
    assertTrue(mirror.offer(Icons.THERMOMETER, 1_300).isEmpty());
  }
}

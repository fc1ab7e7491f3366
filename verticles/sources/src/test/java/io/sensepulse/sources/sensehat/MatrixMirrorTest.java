package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatrixMirrorTest {
  private final MatrixMirror mirror = new MatrixMirror(100, 2_000);

  @Test
  void theFirstFrameGoesAtOnceAndAnUnchangedOneOnlyAfterTheRepeatTime() {
    assertEquals(Optional.of(Icons.DROP), mirror.offer(Icons.DROP, 1_000));
    assertTrue(mirror.offer(Icons.DROP, 1_500).isEmpty());
    assertTrue(mirror.offer(Icons.DROP, 2_999).isEmpty());
    assertEquals(Optional.of(Icons.DROP), mirror.offer(Icons.DROP, 3_000), "for dashboards opened since");
    assertTrue(mirror.offer(Icons.DROP, 3_100).isEmpty());
  }

  @Test
  void changesWithinTheIntervalWaitAndTheLatestFollowsOnce() {
    mirror.offer(Icons.DROP, 1_000);
    assertTrue(mirror.offer(Icons.GAUGE, 1_020).isEmpty(), "fifty frames a second are held back");
    assertTrue(mirror.offer(Icons.THERMOMETER, 1_099).isEmpty());
    // The matrix now stays on the thermometer: the next tick after the interval sends it.
    assertEquals(Optional.of(Icons.THERMOMETER), mirror.offer(Icons.THERMOMETER, 1_100));
    assertTrue(mirror.offer(Icons.THERMOMETER, 1_300).isEmpty());
    assertEquals(Optional.of(Icons.GAUGE), mirror.offer(Icons.GAUGE, 1_300), "a change goes once the interval has passed");
  }
}

package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiveGateTest {
  @Test
  void fragmentsTheInitCarriedAreDroppedAndLaterOnesSentInOrder() {
    LiveGate gate = new LiveGate(5);
    assertFalse(gate.admit(4, false, false));
    assertFalse(gate.admit(5, false, false));
    assertTrue(gate.admit(6, false, false));
    assertTrue(gate.admit(7, false, false));
    assertFalse(gate.admit(7, false, false), "a duplicate");
  }

  @Test
  void aFullWriteQueueSkipsToTheNextKeyframe() {
    LiveGate gate = new LiveGate(0);
    assertTrue(gate.admit(1, true, false));
    assertFalse(gate.admit(2, false, true), "the socket cannot take more");
    assertFalse(gate.admit(3, false, false), "undecodable without fragment 2");
    assertFalse(gate.admit(4, false, false));
    assertTrue(gate.admit(5, true, false), "a keyframe starts afresh");
    assertTrue(gate.admit(6, false, false));
  }

  @Test
  void aMissingFragmentAlsoWaitsForAKeyframe() {
    LiveGate gate = new LiveGate(10);
    assertFalse(gate.admit(12, false, false), "11 never came");
    assertTrue(gate.admit(13, true, false));
    assertTrue(gate.admit(14, false, false));
  }

  @Test
  void aKeyframeArrivingWhileTheQueueIsFullIsDroppedToo() {
    LiveGate gate = new LiveGate(0);
    assertFalse(gate.admit(1, true, true));
    assertFalse(gate.admit(2, false, false));
    assertTrue(gate.admit(3, true, false));
  }
}

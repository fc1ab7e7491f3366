package io.sensepulse.gateway;

/**
 * Decides, for one live viewer, which fragments of the camera's stream it is sent. The viewer
 * starts with the init segment and the fragments up to {@code seq} of the streamer's init reply;
 * after that every later fragment in order. A fragment cannot be decoded without those before it
 * back to a keyframe, so once one is dropped (the socket's write queue is full, or a fragment went
 * missing) the viewer waits for the next keyframe: a slow phone skips ahead instead of the gateway
 * buffering for it without bound.
 */
final class LiveGate {
  private final long initSeq;
  private long lastSent;
  private boolean awaitingKeyframe;

  /** @param initSeq the last fragment the init reply carried */
  LiveGate(long initSeq) {
    this.initSeq = initSeq;
    this.lastSent = initSeq;
  }

  /** True to send the fragment now; false to drop it. */
  boolean admit(long seq, boolean keyframe, boolean writeQueueFull) {
    if (seq <= initSeq || seq <= lastSent) {
      return false;
    }
    if (writeQueueFull) {
      awaitingKeyframe = true;
      return false;
    }
    if (seq != lastSent + 1 && !keyframe) {
      awaitingKeyframe = true;
    }
    if (awaitingKeyframe && !keyframe) {
      return false;
    }
    awaitingKeyframe = false;
    lastSent = seq;
    return true;
  }
}

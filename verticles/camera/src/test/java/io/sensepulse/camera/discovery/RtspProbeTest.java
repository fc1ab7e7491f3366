package io.sensepulse.camera.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.camera.discovery.RtspProbe.Verdict;
import org.junit.jupiter.api.Test;

class RtspProbeTest {
  @Test
  void theRequestIsAMinimalOptions() {
    assertEquals("OPTIONS rtsp://192.168.1.64:554/ RTSP/1.0\r\nCSeq: 1\r\n\r\n", RtspProbe.optionsRequest("192.168.1.64", 554));
  }

  @Test
  void anyRtspStatusLineConfirmsAServerUnauthorisedIncluded() {
    assertEquals(Verdict.RTSP, RtspProbe.judge("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n"));
    assertEquals(Verdict.RTSP, RtspProbe.judge("RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n"
        + "WWW-Authenticate: Digest realm=\"IP Camera(12345)\", nonce=\"abc\", stale=\"FALSE\"\r\n\r\n"));
    assertEquals(Verdict.RTSP, RtspProbe.judge("RTSP/1.0 200\n"));
  }

  @Test
  void otherProtocolsAreRefusedAsSoonAsTheyDiffer() {
    assertEquals(Verdict.NOT_RTSP, RtspProbe.judge("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"));
    assertEquals(Verdict.NOT_RTSP, RtspProbe.judge("HTTP/1.1 400 Bad Request\r\n"));
    assertEquals(Verdict.NOT_RTSP, RtspProbe.judge("H"));
    assertEquals(Verdict.NOT_RTSP, RtspProbe.judge("RTSP/2.0 200 OK\r\n"));
    assertEquals(Verdict.NOT_RTSP, RtspProbe.judge("RTSP/1.0 OK\r\n"));
    assertEquals(Verdict.NOT_RTSP, RtspProbe.judge("RTSP/1.0 200 " + "x".repeat(300)));
  }

  @Test
  void aStatusLineSplitAcrossReadsWaits() {
    assertEquals(Verdict.UNDECIDED, RtspProbe.judge(""));
    assertEquals(Verdict.UNDECIDED, RtspProbe.judge("RTS"));
    assertEquals(Verdict.UNDECIDED, RtspProbe.judge("RTSP/1.0 2"));
    assertEquals(Verdict.UNDECIDED, RtspProbe.judge("RTSP/1.0 200 O"));
    assertEquals(Verdict.UNDECIDED, RtspProbe.judge("RTSP/1.0 200 OK\r"));
  }

  @Test
  void atTheEndACompleteStatusLineCountsEvenWithoutItsLineEnd() {
    assertTrue(RtspProbe.judgeAtEnd("RTSP/1.0 200 OK"));
    assertFalse(RtspProbe.judgeAtEnd("RTSP/1.0 20"));
    assertFalse(RtspProbe.judgeAtEnd(""));
  }
}

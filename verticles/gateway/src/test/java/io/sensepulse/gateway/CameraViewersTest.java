package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CameraViewersTest {
  @Test
  void socketsAndRecentPlaylistClientsAreViewers() {
    CameraViewers viewers = new CameraViewers();
    assertTrue(viewers.socketOpened("yard", 1_000), "the first viewer");
    assertFalse(viewers.socketOpened("yard", 1_500));
    assertTrue(viewers.playlistFetched("porch", "10.0.0.2", 2_000));
    assertFalse(viewers.playlistFetched("porch", "10.0.0.2", 3_000), "the same client again");
    assertFalse(viewers.playlistFetched("yard", "10.0.0.3", 3_000));
    assertEquals(List.of(new CameraViewers.Watched("porch", 1, 3_000), new CameraViewers.Watched("yard", 3, 3_000)),
        viewers.watched(4_000));
  }

  @Test
  void playlistClientsLapseAfterTenSecondsAndClosedSocketsGo() {
    CameraViewers viewers = new CameraViewers();
    viewers.playlistFetched("yard", "10.0.0.2", 1_000);
    viewers.socketOpened("yard", 2_000);
    viewers.socketClosed("yard", 5_000);
    assertEquals(List.of(new CameraViewers.Watched("yard", 1, 5_000)), viewers.watched(11_000));
    assertEquals(List.of(), viewers.watched(11_001));
    assertTrue(viewers.playlistFetched("yard", "10.0.0.2", 12_000), "watched again after a lapse");
  }
}

package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Reading;
import io.sensepulse.sources.sensehat.MatrixShow.Page;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixShowTest {
  private static final LocalTime NOON = LocalTime.NOON;
  private static final SleepWindow NIGHT = new SleepWindow(23, 7);

  private static final List<Reading> READINGS = List.of(
      new Reading("temperature", 26.8, "°C", 1), new Reading("temperature_raw", 36.5, "°C", 1),
      new Reading("pressure", 1010.0, "hPa", 1));

  @Test
  void pagesFollowTheReadingsPresent() {
    assertEquals(List.of(new Page(Icons.THERMOMETER, "26.8°C"), new Page(Icons.GAUGE, "1010.0hPa")),
        MatrixShow.pages(READINGS));
  }

  @Test
  void iconThenScrollingTextThenAgain() {
    MatrixShow show = new MatrixShow(0, 2, NIGHT);
    show.show(List.of(new Page(Icons.DROP, "1")));
    assertEquals(Icons.DROP, show.tick(NOON));
    assertEquals(Icons.DROP, show.tick(NOON));
    List<Frame> text = TextScroller.frames("1", 0xFFFFFF);
    for (Frame frame : text) {
      assertEquals(frame, show.tick(NOON));
    }
    assertEquals(Icons.DROP, show.tick(NOON));
  }

  @Test
  void framesAreRotated() {
    MatrixShow show = new MatrixShow(180, 1, NIGHT);
    show.show(List.of(new Page(Icons.DROP, "1")));
    assertEquals(Icons.DROP.rotated(180), show.tick(NOON));
  }

  @Test
  void leftAndRightWrapRoundThePages() {
    MatrixShow show = new MatrixShow(0, 1, NIGHT);
    show.show(MatrixShow.pages(READINGS));
    show.turn(-1);
    assertEquals(1, show.page());
    assertEquals(Icons.GAUGE, show.tick(NOON));
    show.turn(1);
    assertEquals(Icons.THERMOMETER, show.tick(NOON));
  }

  @Test
  void newReadingsKeepThePageShown() {
    MatrixShow show = new MatrixShow(0, 1, NIGHT);
    show.show(MatrixShow.pages(READINGS));
    show.turn(1);
    show.show(MatrixShow.pages(List.of(new Reading("temperature", 20.0, "°C", 2),
        new Reading("humidity", 40.0, "%", 2), new Reading("pressure", 1011.0, "hPa", 2))));
    assertEquals(2, show.page());
    assertEquals(Icons.GAUGE, show.tick(NOON));
  }

  @Test
  void darkWhileAsleepAndWithNothingToShow() {
    MatrixShow show = new MatrixShow(0, 1, NIGHT);
    assertEquals(Frame.OFF, show.tick(NOON));
    show.show(MatrixShow.pages(READINGS));
    assertEquals(Frame.OFF, show.tick(LocalTime.of(23, 30)));
    assertEquals(Frame.OFF, show.tick(LocalTime.of(6, 59)));
    assertEquals(Icons.THERMOMETER, show.tick(LocalTime.of(7, 0)));
  }

  @Test
  void sleepWindows() {
    assertTrue(NIGHT.asleep(LocalTime.of(0, 0)));
    assertFalse(NIGHT.asleep(LocalTime.of(22, 59)));
    SleepWindow afternoon = new SleepWindow(13, 15);
    assertTrue(afternoon.asleep(LocalTime.of(14, 0)));
    assertFalse(afternoon.asleep(LocalTime.of(15, 0)));
    assertFalse(new SleepWindow(0, 0).asleep(LocalTime.of(0, 0)));
    assertThrows(IllegalArgumentException.class, () -> new SleepWindow(24, 0));
  }

  @Test
  void badRotationOrIconTicks() {
    assertThrows(IllegalArgumentException.class, () -> new MatrixShow(45, 1, NIGHT));
    assertThrows(IllegalArgumentException.class, () -> new MatrixShow(0, 0, NIGHT));
  }

  @Test
  void newSettingsApplyFromTheNextTick() {
    MatrixShow show = new MatrixShow(0, 1, NIGHT);
    show.show(List.of(new Page(Icons.DROP, "1")));
    assertEquals(Icons.DROP, show.tick(NOON));
    show.configure(90, 3, new SleepWindow(12, 13));
    assertEquals(Frame.OFF, show.tick(NOON), "noon is now in the sleep window");
    assertTrue(show.asleep(NOON));
    show.configure(90, 3, NIGHT);
    // A new icon time restarts the page: its icon again, for three ticks, then the text.
    for (int i = 0; i < 3; i++) {
      assertEquals(Icons.DROP.rotated(90), show.tick(NOON), "tick " + i);
    }
    assertEquals(TextScroller.frames("1", 0xFFFFFF).get(0).rotated(90), show.tick(NOON));
  }

  @Test
  void refusesARotationTheMatrixCannotShow() {
    MatrixShow show = new MatrixShow(0, 1, NIGHT);
    assertThrows(IllegalArgumentException.class, () -> show.configure(45, 1, NIGHT));
  }
}

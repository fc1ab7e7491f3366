package io.sensepulse.sources.sensehat;

import io.sensepulse.common.Reading;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the LED matrix shows, one frame per tick (a tick is SCROLL_SPEED seconds): the current
 * page's icon for ICON_DURATION, then its text scrolling by, over and over. Left and right change
 * the page. Not thread-safe: the verticle drives it from its event loop.
 */
final class MatrixShow {
  /** One reading on the matrix. */
  record Page(Frame icon, String text) {}

  private static final int TEXT_COLOR = 0xFFFFFF;

  private int rotation;
  private int iconTicks;
  private SleepWindow sleep;
  private List<Page> pages = List.of();
  private int page;
  private List<Frame> sequence = List.of();
  private int step;

  /** @param iconTicks how many ticks the icon stays, at least one */
  MatrixShow(int rotation, int iconTicks, SleepWindow sleep) {
    configure(rotation, iconTicks, sleep);
  }

  /**
   * New display settings while running: the rotation and sleep window apply from the next tick; a
   * new icon time restarts the current page, whose frame sequence holds the icon that many ticks.
   */
  void configure(int rotation, int iconTicks, SleepWindow sleep) {
    if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
      throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, got " + rotation);
    }
    if (iconTicks < 1) {
      throw new IllegalArgumentException("icon ticks must be at least 1, got " + iconTicks);
    }
    boolean iconTicksChanged = iconTicks != this.iconTicks;
    this.rotation = rotation;
    this.iconTicks = iconTicks;
    this.sleep = sleep;
    if (iconTicksChanged && !pages.isEmpty()) {
      restart();
    }
  }

  boolean asleep(LocalTime now) {
    return sleep.asleep(now);
  }

  /** New readings: the page shown stays the same one, restarting only if its text changed. */
  void show(List<Page> next) {
    Page current = pages.isEmpty() ? null : pages.get(page);
    pages = List.copyOf(next);
    int same = current == null ? -1 : indexOfIcon(current.icon());
    page = Math.max(same, 0);
    if (current == null || same < 0 || !pages.get(page).equals(current)) {
      restart();
    }
  }

  /** Moves {@code delta} pages on, wrapping round; the joystick's left is -1 and right +1. */
  void turn(int delta) {
    if (pages.isEmpty()) {
      return;
    }
    page = Math.floorMod(page + delta, pages.size());
    restart();
  }

  /** A page per reading present: temperature (the corrected one when there is one), humidity, pressure. */
  static List<Page> pages(List<Reading> readings) {
    List<Page> pages = new ArrayList<>(3);
    find(readings, SenseHatReadings.TEMPERATURE).or(() -> find(readings, SenseHatReadings.TEMPERATURE_RAW))
        .ifPresent(reading -> pages.add(new Page(Icons.THERMOMETER, text(reading))));
    find(readings, SenseHatReadings.HUMIDITY).ifPresent(reading -> pages.add(new Page(Icons.DROP, text(reading))));
    find(readings, SenseHatReadings.PRESSURE).ifPresent(reading -> pages.add(new Page(Icons.GAUGE, text(reading))));
    return pages;
  }

  private static Optional<Reading> find(List<Reading> readings, String sensor) {
    return readings.stream().filter(reading -> reading.sensor().equals(sensor)).findFirst();
  }

  private static String text(Reading reading) {
    return reading.value() + reading.unit();
  }

  int page() {
    return page;
  }

  /** The frame for this tick, already rotated; all off while asleep or with nothing to show. */
  Frame tick(LocalTime now) {
    if (asleep(now) || sequence.isEmpty()) {
      return Frame.OFF;
    }
    Frame frame = sequence.get(step);
    step = (step + 1) % sequence.size();
    return frame.rotated(rotation);
  }

  private int indexOfIcon(Frame icon) {
    for (int i = 0; i < pages.size(); i++) {
      if (pages.get(i).icon().equals(icon)) {
        return i;
      }
    }
    return -1;
  }

  private void restart() {
    step = 0;
    if (pages.isEmpty()) {
      sequence = List.of();
      return;
    }
    Page current = pages.get(page);
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < iconTicks; i++) {
      frames.add(current.icon());
    }
    frames.addAll(TextScroller.frames(current.text(), TEXT_COLOR));
    sequence = List.copyOf(frames);
  }
}

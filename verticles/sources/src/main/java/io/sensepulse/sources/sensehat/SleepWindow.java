package io.sensepulse.sources.sensehat;

import java.time.LocalTime;

/**
 * The hours the matrix stays dark (SLEEP_START to SLEEP_END, local time, whole hours). A start
 * after the end spans midnight (23 to 7); equal hours mean no sleep at all.
 */
record SleepWindow(int startHour, int endHour) {
  SleepWindow {
    if (startHour < 0 || startHour > 23 || endHour < 0 || endHour > 23) {
      throw new IllegalArgumentException("sleep hours must be 0-23, got " + startHour + " and " + endHour);
    }
  }

  boolean asleep(LocalTime now) {
    int hour = now.getHour();
    if (startHour == endHour) {
      return false;
    }
    return startHour < endHour ? hour >= startHour && hour < endHour : hour >= startHour || hour < endHour;
  }
}

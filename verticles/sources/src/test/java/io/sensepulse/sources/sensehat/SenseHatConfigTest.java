package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SenseHatConfigTest {
  @Test
  void defaults() {
    SenseHatConfig config = SenseHatConfig.from(new JsonObject());
    assertEquals(0, config.rotation());
    assertEquals(100, config.scrollMillis());
    assertEquals(15, config.iconTicks());
    assertEquals(new SleepWindow(23, 7), config.sleep());
    assertEquals(60, config.pollSeconds());
    assertFalse(config.disablePiLeds());
  }

  @Test
  void disablePiLedsFromTheEnvironmentIsText() {
    assertTrue(SenseHatConfig.from(new JsonObject().put("disable_pi_leds", "true")).disablePiLeds());
    assertTrue(SenseHatConfig.from(new JsonObject().put("disable_pi_leds", true)).disablePiLeds());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> SenseHatConfig.from(new JsonObject().put("disable_pi_leds", "sometimes")));
    assertEquals("sense_hat.disable_pi_leds must be true or false, got 'sometimes'", refused.getMessage());
  }

  @Test
  void valuesFromTheEnvironmentMayBeText() {
    SenseHatConfig config = SenseHatConfig.from(new JsonObject().put("display_rotation", "90").put("sleep_start", "22"));
    assertEquals(90, config.rotation());
    assertEquals(22, config.sleep().startHour());
  }

  @Test
  void rejectsWhatTheMatrixCannotDo() {
    assertThrows(IllegalArgumentException.class, () -> SenseHatConfig.from(new JsonObject().put("display_rotation", 45)));
    assertThrows(IllegalArgumentException.class, () -> SenseHatConfig.from(new JsonObject().put("scroll_speed", 0)));
    assertThrows(IllegalArgumentException.class, () -> SenseHatConfig.from(new JsonObject().put("icon_duration", "long")));
    assertThrows(IllegalArgumentException.class, () -> SenseHatConfig.from(new JsonObject().put("sleep_end", 24)));
    assertThrows(IllegalArgumentException.class, () -> SenseHatConfig.from(new JsonObject().put("brightness", 1)));
  }

  @Test
  void anIconShownForLessThanATickStillShowsOnce() {
    assertEquals(1, SenseHatConfig.from(new JsonObject().put("icon_duration", 0)).iconTicks());
  }
}

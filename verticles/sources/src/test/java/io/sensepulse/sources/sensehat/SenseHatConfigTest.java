package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

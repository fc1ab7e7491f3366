package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Pi's LEDs on a fake /sys/class/leds in the kernel's formats. */
class BoardLedsTest {
  @TempDir
  Path sys;

  @Test
  void theSelectedTriggerIsTheBracketedOne() {
    assertEquals("mmc0", BoardLeds.selectedTrigger("none rc-feedback kbd-scrolllock [mmc0] timer oneshot heartbeat\n"));
    assertEquals("none", BoardLeds.selectedTrigger("[none] default-on\n"));
    assertThrows(IllegalArgumentException.class, () -> BoardLeds.selectedTrigger("none mmc0\n"));
    assertThrows(IllegalArgumentException.class, () -> BoardLeds.selectedTrigger("none [] mmc0\n"));
  }

  @Test
  void switchedOffThenRestoredAsTheyWere() throws IOException {
    HatTrees.writeBoardLeds(sys);
    BoardLeds leds = new BoardLeds(sys);

    BoardLeds.Outcome off = leds.switchOff();
    assertEquals(List.of(new BoardLeds.Saved("ACT", "mmc0", "0"), new BoardLeds.Saved("PWR", "none", "255")), off.saved());
    assertEquals(List.of(), off.warnings());
    assertEquals("none", read("ACT/trigger"));
    assertEquals("0", read("ACT/brightness"));
    assertEquals("none", read("PWR/trigger"));
    assertEquals("0", read("PWR/brightness"));
    assertEquals("[mmc0] none\n", read("mmc0::/trigger"), "other LEDs are left alone");

    assertEquals(List.of(), leds.restore(off.saved()));
    assertEquals("mmc0", read("ACT/trigger"));
    // A trigger drives its LED's brightness: writing 0 would have detached it, so it is left as the trigger set it.
    assertEquals("0", read("ACT/brightness"));
    assertEquals("none", read("PWR/trigger"));
    assertEquals("255", read("PWR/brightness"));
  }

  @Test
  void aMissingFileIsAWarningAndTheOthersStillGoOff() throws IOException {
    HatTrees.writeBoardLeds(sys);
    Files.delete(sys.resolve("class/leds/PWR/brightness"));
    Files.createDirectories(sys.resolve("class/leds/led0"));
    Files.writeString(sys.resolve("class/leds/led0/trigger"), "none [heartbeat]\n");
    Files.writeString(sys.resolve("class/leds/led0/brightness"), "1\n");
    // A directory in the attribute's place: writing fails as on a read-only attribute (root may write any file).
    Files.delete(sys.resolve("class/leds/led0/brightness"));
    Files.createDirectories(sys.resolve("class/leds/led0/brightness"));

    BoardLeds.Outcome off = new BoardLeds(sys).switchOff();
    assertEquals(List.of("ACT"), off.saved().stream().map(BoardLeds.Saved::name).toList());
    assertEquals(2, off.warnings().size(), off.warnings().toString());
    assertTrue(off.warnings().get(0).startsWith("PWR: cannot read its state"), off.warnings().get(0));
    assertTrue(off.warnings().get(1).startsWith("led0: cannot read its state"), off.warnings().get(1));
    assertEquals("none", read("ACT/trigger"));
    assertFalse(Files.exists(sys.resolve("class/leds/PWR/brightness")), "a missing attribute is not created");
  }

  @Test
  void noPiLedsIsAWarning() {
    BoardLeds.Outcome off = new BoardLeds(sys).switchOff();
    assertEquals(List.of(), off.saved());
    assertEquals(1, off.warnings().size());
    assertTrue(off.warnings().get(0).startsWith("no Raspberry Pi LEDs (ACT, PWR, led0, led1) under "), off.warnings().get(0));
  }

  private String read(String file) throws IOException {
    return Files.readString(sys.resolve("class/leds").resolve(file));
  }
}

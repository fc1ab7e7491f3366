package io.sensepulse.sources.sensehat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SenseHatFilesTest {
  @TempDir
  Path root;

  @Test
  void findsTheSenseFramebufferAmongOthers() throws IOException {
    Path sys = root.resolve("sys");
    HatTrees.write(sys.resolve("class/graphics/fb0/name"), "simple\n");
    HatTrees.write(sys.resolve("class/graphics/fb1/name"), "RPi-Sense FB\n");
    assertEquals(Optional.of(root.resolve("dev/fb1")), new SenseHatFiles(sys, root.resolve("dev")).framebuffer());
  }

  @Test
  void findsTheJoystickAmongOtherInputs() throws IOException {
    Path sys = root.resolve("sys");
    HatTrees.write(sys.resolve("class/input/event0/device/name"), "Logitech USB Keyboard\n");
    HatTrees.write(sys.resolve("class/input/event2/device/name"), "Raspberry Pi Sense HAT Joystick\n");
    assertEquals(Optional.of(root.resolve("dev/input/event2")), new SenseHatFiles(sys, root.resolve("dev")).joystick());
  }

  @Test
  void noHatNoDevicesNoCpuZone() throws IOException {
    SenseHatFiles files = new SenseHatFiles(root.resolve("sys"), root.resolve("dev"));
    assertEquals(Optional.empty(), files.framebuffer());
    assertEquals(Optional.empty(), files.joystick());
    assertEquals(Optional.empty(), files.cpuTemperature());
  }
}

package io.sensepulse.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real processes: an ffmpeg writing a camera's playlist, and others that must be left alone. */
class FfmpegPidFileTest {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void endProcesses() {
    started.forEach(Process::destroyForcibly);
  }

  private Process run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out-" + started.size() + ".log").toFile()).start();
    started.add(process);
    return process;
  }

  /** An ffmpeg that runs until stopped, writing HLS to {@code playlist} as a camera's would. */
  private Process ffmpeg(Path playlist) throws Exception {
    Files.createDirectories(playlist.getParent());
    return run("ffmpeg", "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5",
        "-c:v", "libx264", "-f", "hls", "-hls_time", "1", playlist.toString());
  }

  @Test
  void aPreviousRunsFfmpegIsEndedAndTheFileRemoved() throws Exception {
    Path playlist = dir.resolve("hls/door/index.m3u8");
    Process orphan = ffmpeg(playlist);
    FfmpegPidFile pidFile = new FfmpegPidFile(FfmpegPidFile.path(dir, "door"), playlist);
    pidFile.write(orphan.toHandle());
    assertEquals(Optional.of(orphan.pid()), pidFile.endOrphan(Duration.ofSeconds(5)));
    assertFalse(orphan.isAlive());
    assertFalse(Files.exists(FfmpegPidFile.path(dir, "door")));
    assertEquals(Optional.empty(), pidFile.endOrphan(Duration.ofSeconds(5)), "no file, nothing to end");
  }

  @Test
  void aProcessThatIsNotThisCamerasFfmpegIsLeftAlone() throws Exception {
    Path playlist = dir.resolve("hls/door/index.m3u8");
    Process sleeper = run("sleep", "60");
    Process otherCamera = ffmpeg(dir.resolve("hls/garden/index.m3u8"));
    for (Process stranger : List.of(sleeper, otherCamera)) {
      FfmpegPidFile pidFile = new FfmpegPidFile(FfmpegPidFile.path(dir, "door"), playlist);
      pidFile.write(stranger.toHandle());
      assertEquals(Optional.empty(), pidFile.endOrphan(Duration.ofSeconds(5)));
      assertTrue(stranger.isAlive(), "not an ffmpeg writing this camera's playlist");
    }
  }

  @Test
  void aReusedPidWithAnotherStartTimeIsLeftAlone() throws Exception {
    Path playlist = dir.resolve("hls/door/index.m3u8");
    Process current = ffmpeg(playlist);
    Path file = FfmpegPidFile.path(dir, "door");
    Files.createDirectories(file.getParent());
    long otherStart = current.toHandle().info().startInstant().orElseThrow().toEpochMilli() - 60_000;
    Files.writeString(file, current.pid() + "\n" + otherStart + "\n");
    assertEquals(Optional.empty(), new FfmpegPidFile(file, playlist).endOrphan(Duration.ofSeconds(5)));
    assertTrue(current.isAlive());
    Files.writeString(file, "garbage");
    assertEquals(Optional.empty(), new FfmpegPidFile(file, playlist).endOrphan(Duration.ofSeconds(5)));
  }
}

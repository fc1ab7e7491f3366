package io.sensepulse.rig.recorder;

import io.sensepulse.rig.capture.CaptureCommands;
import io.sensepulse.rig.capture.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Lock View: a JPEG of the running recording (decoded from the latest keyframe fragment the
 * recorder holds in memory, so the capture pipeline itself is untouched) and a one-second tone
 * from the node's speaker, which every camera's microphone hears. Blocking.
 */
final class LockView {
  private LockView() {}

  static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(15);
  static final Duration TONE_TIMEOUT = Duration.ofSeconds(5);
  static final String TONE_SKIPPED = "skipped: no sound card";

  /** Decodes the clip's first video frame into {@code jpeg}. */
  static void snapshot(byte[] clip, Path jpeg) throws IOException {
    Path clipFile = jpeg.resolveSibling(".lockview-clip.mp4");
    Files.write(clipFile, clip);
    try {
      CommandRunner.Result result = CommandRunner.run(List.of(CaptureCommands.FFMPEG, "-hide_banner", "-nostdin",
          "-loglevel", "error", "-y", "-i", clipFile.toString(), "-frames:v", "1", "-q:v", "3", jpeg.toString()),
          SNAPSHOT_TIMEOUT);
      if (result.exitCode() != 0 || !Files.exists(jpeg)) {
        throw new IOException("ffmpeg could not extract a frame: " + result.output().strip());
      }
    } finally {
      Files.deleteIfExists(clipFile);
    }
  }

  /** Plays the tone when ALSA lists a sound card under {@code procRoot}; says what happened. */
  static String tone(Path procRoot) {
    if (!hasSoundCard(procRoot)) {
      return TONE_SKIPPED;
    }
    try {
      CommandRunner.Result result = CommandRunner.run(List.of(CaptureCommands.FFMPEG, "-hide_banner", "-nostdin",
          "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=1000:duration=1", "-f", "alsa", "default"),
          TONE_TIMEOUT);
      return result.exitCode() == 0 ? "played" : "failed: " + result.output().strip();
    } catch (IOException e) {
      return "failed: " + e.getMessage();
    }
  }

  /** {@code /proc/asound/cards} reads "--- no soundcards ---" when there is none. */
  static boolean hasSoundCard(Path procRoot) {
    try {
      String cards = Files.readString(procRoot.resolve("asound/cards"), StandardCharsets.ISO_8859_1);
      return cards.lines().anyMatch(line -> line.matches("\\s*[0-9]+ \\[.*"));
    } catch (NoSuchFileException absent) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}

package io.sensepulse.orchestrator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Finds and ends ffmpeg processes still writing into one camera's HLS folder after its stream
 * ended: a streamer that crashed or was killed cannot stop its own. Blocking (it reads the process
 * table and waits for the processes to go): call it on a worker thread.
 */
final class LeftoverFfmpeg {
  private LeftoverFfmpeg() {}

  /** How long ffmpeg gets to end on SIGTERM before SIGKILL. */
  static final long TERM_GRACE_MS = 2_000;

  /**
   * An ffmpeg process whose arguments name a file inside the camera's folder: as an argument of its
   * own, or inside a tee muxer's list of outputs ({@code [opt=<path>:...]<path>|...}), where a path
   * starts after '=', ']' or '|'.
   */
  static boolean isLeftover(String executable, List<String> arguments, Path cameraDir) {
    if (executable == null || !Path.of(executable).getFileName().toString().equals("ffmpeg")) {
      return false;
    }
    Pattern inside = Pattern.compile("(^|[=\\]|])" + Pattern.quote(cameraDir.toAbsolutePath().normalize() + "/"));
    return arguments.stream().anyMatch(argument -> inside.matcher(argument).find());
  }

  /** Ends every leftover ffmpeg of the camera folder; how many there were. */
  static int killLeftovers(Path cameraDir) {
    List<ProcessHandle> found = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(process -> {
      ProcessHandle.Info info = process.info();
      Optional<String[]> arguments = info.arguments();
      if (arguments.isPresent() && isLeftover(info.command().orElse(null), List.of(arguments.get()), cameraDir)) {
        found.add(process);
      }
    });
    found.forEach(ProcessHandle::destroy);
    for (ProcessHandle process : found) {
      try {
        process.onExit().get(TERM_GRACE_MS, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stillThere) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    return found.size();
  }
}

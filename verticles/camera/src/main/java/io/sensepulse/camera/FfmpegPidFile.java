package io.sensepulse.camera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code <data_dir>/run/camera-<id>.pid}: the camera's running ffmpeg, so that after a crash of the
 * hub the next streamer ends the ffmpeg left behind. The file holds the pid and the process's
 * start time; a process is ended only when the pid, the start time and its command line (ffmpeg
 * writing this camera's playlist) all match, so a pid the system has since reused is never killed.
 * Blocking file and process calls: run it off the event loop.
 */
public final class FfmpegPidFile {
  private final Path file;
  private final Path playlist;

  public FfmpegPidFile(Path file, Path playlist) {
    this.file = file;
    this.playlist = playlist;
  }

  public static Path path(Path dataDir, String cameraId) {
    return dataDir.resolve("run").resolve("camera-" + cameraId + ".pid");
  }

  public void write(ProcessHandle process) throws IOException {
    Files.createDirectories(file.getParent());
    long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, process.pid() + "\n" + started + "\n", StandardCharsets.UTF_8);
    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /** The process the file names, if it is still this camera's ffmpeg from a previous run. */
  public Optional<ProcessHandle> orphan() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    long pid;
    long started;
    try {
      pid = Long.parseLong(lines.get(0).trim());
      started = Long.parseLong(lines.get(1).trim());
    } catch (RuntimeException e) {
      return Optional.empty(); // unreadable: nothing we may safely kill
    }
    return ProcessHandle.of(pid).filter(process -> isOurs(process, started));
  }

  private boolean isOurs(ProcessHandle process, long started) {
    ProcessHandle.Info info = process.info();
    boolean sameStart = info.startInstant().map(Instant::toEpochMilli).map(millis -> millis == started).orElse(false);
    boolean ffmpeg = info.command().map(command -> Path.of(command).getFileName().toString().startsWith("ffmpeg"))
        .orElse(false);
    // The playlist is named inside the tee muxer's list of outputs, not as an argument of its own.
    boolean ourPlaylist = info.arguments().map(Arrays::asList)
        .map(arguments -> arguments.stream().anyMatch(argument -> argument.contains(playlist.toString())))
        .orElse(false);
    return sameStart && ffmpeg && ourPlaylist;
  }

  /**
   * Ends a previous run's ffmpeg: SIGTERM, then SIGKILL after {@code grace}. Removes the file.
   *
   * @return the pid ended, if there was one
   */
  public Optional<Long> endOrphan(Duration grace) throws IOException, InterruptedException {
    Optional<ProcessHandle> orphan = orphan();
    if (orphan.isPresent()) {
      ProcessHandle process = orphan.get();
      process.destroy();
      try {
        process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        process.destroyForcibly();
        process.onExit().join();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException("cannot wait for process " + process.pid(), e);
      }
    }
    delete();
    return orphan.map(ProcessHandle::pid);
  }
}

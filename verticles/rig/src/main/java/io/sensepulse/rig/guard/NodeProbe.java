package io.sensepulse.rig.guard;

import io.sensepulse.rig.capture.CaptureCommands;
import io.sensepulse.rig.capture.CommandRunner;
import io.sensepulse.rig.capture.RpicamCameras;
import io.sensepulse.rig.recorder.RecorderSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Reads the facts the guard rails and the status need from this machine: the camera, the data
 * folder, sysfs (under {@code sys_root}, so tests use fake trees) and the battery file. Blocking:
 * call from a worker thread.
 */
public final class NodeProbe {
  private static final Logger LOG = Logger.getLogger(NodeProbe.class.getName());
  static final String THERMAL_ZONE_TEMP = "class/thermal/thermal_zone0/temp";
  static final Duration CAMERA_LIST_TIMEOUT = Duration.ofSeconds(2);

  private final Path sysRoot;
  private final Path dataDir;
  private final Path recordingsDir;

  public NodeProbe(Path sysRoot, Path dataDir, Path recordingsDir) {
    this.sysRoot = sysRoot;
    this.dataDir = dataDir;
    this.recordingsDir = recordingsDir;
  }

  /** Everything a start checks; {@code offsetMs} comes from the sync's shared map. */
  public GuardFacts startFacts(RecorderSettings settings, Double offsetMs) {
    String storageProblem = null;
    boolean storageMissing = false;
    if (!Files.isDirectory(dataDir)) {
      storageProblem = dataDir + " does not exist (is the disk mounted?)";
      storageMissing = true;
    } else {
      storageProblem = writeProblem();
    }
    return new GuardFacts(cameraProblem(settings), storageProblem, storageMissing,
        storageProblem == null ? freeBytes() : -1, temperatureC(), batteryPercent(settings), offsetMs);
  }

  /** Null when the camera answers; otherwise why not. */
  public String cameraProblem(RecorderSettings settings) {
    return switch (settings.capture()) {
      case RPICAM -> {
        try {
          CommandRunner.Result result = CommandRunner.run(CaptureCommands.rpicamListCameras(), CAMERA_LIST_TIMEOUT);
          yield RpicamCameras.parse(result.output()).isEmpty() ? "rpicam-hello --list-cameras lists no camera" : null;
        } catch (IOException e) {
          yield "cannot list cameras: " + e.getMessage();
        }
      }
      case V4L2 -> Files.exists(Path.of(settings.device())) ? null : "no device node " + settings.device();
      // an IP camera proves itself when the stream opens; the test pattern is always there
      case RTSP, TEST -> null;
    };
  }

  /** Usable bytes where recordings go (its folder or, before it exists, the data folder); -1 when unknown. */
  public long freeBytes() {
    try {
      FileStore store = Files.getFileStore(Files.isDirectory(recordingsDir) ? recordingsDir : dataDir);
      return store.getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  public Double temperatureC() {
    return read(sysRoot.resolve(THERMAL_ZONE_TEMP), SysfsValues::temperatureC);
  }

  public Double batteryPercent(RecorderSettings settings) {
    String configured = settings.batteryPath();
    if (configured.isEmpty()) {
      return null;
    }
    Path file = configured.startsWith("/") ? Path.of(configured)
        : sysRoot.resolve("class/power_supply").resolve(configured).resolve("capacity");
    return read(file, SysfsValues::batteryPercent);
  }

  /** Creates the recordings folder when needed and proves a file can be written there. */
  private String writeProblem() {
    try {
      Files.createDirectories(recordingsDir);
      Path probe = Files.createTempFile(recordingsDir, ".write-probe", ".tmp");
      Files.delete(probe);
      return null;
    } catch (IOException | SecurityException e) {
      return recordingsDir + " (" + e.getClass().getSimpleName() + ")";
    }
  }

  private static Double read(Path file, java.util.function.ToDoubleFunction<String> parser) {
    try {
      return parser.applyAsDouble(Files.readString(file, StandardCharsets.ISO_8859_1));
    } catch (NoSuchFileException absent) {
      return null;
    } catch (IOException | IllegalArgumentException e) {
      LOG.warning("ignoring " + file + ": " + e.getMessage());
      return null;
    }
  }
}

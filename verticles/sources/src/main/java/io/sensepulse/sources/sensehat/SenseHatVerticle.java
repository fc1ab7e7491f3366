package io.sensepulse.sources.sensehat;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.Reading;
import io.sensepulse.common.source.SourcePattern;
import io.sensepulse.common.store.StoreClient;
import io.sensepulse.sources.sensehat.JoystickEvents.Press;
import io.sensepulse.sources.system.Temperature;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.logging.Logger;

/**
 * The Sense HAT, persistent on the node that carries it: reads the IIO sensors every poll interval
 * and writes them through the store as source {@code sense_hat}, scrolls them on the LED matrix,
 * mirrors the matrix to dashboards on {@link Addresses#SENSE_HAT_MATRIX}, and publishes joystick
 * events on {@link Addresses#SENSE_HAT_JOYSTICK} (left and right turn the matrix's page). With
 * {@code disable_pi_leds} the Pi's own LEDs go dark with the matrix in the sleep window.
 * Config: the node settings ({@code sys_root}), {@code dev_root} (default /dev) and the
 * {@code sense_hat} section ({@link SenseHatConfig}) as seeded on this node; once running, the
 * section stored on the hub ({@code config:sense_hat}) replaces it, at start and on every
 * {@link Addresses#CONFIG_CHANGED} for it. A missing framebuffer or joystick leaves that part off;
 * missing sensors are named in the status.
 */
public class SenseHatVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SenseHatVerticle.class.getName());
  public static final String ID = "sense_hat";
  public static final String DEV_ROOT = "dev_root";
  /** Named in the status when there is no CPU temperature to correct with. */
  static final String CPU_ZONE = "thermal_zone0";
  /** At most ten mirror frames a second reach the dashboards. */
  static final long MIRROR_INTERVAL_MS = 100;
  /** An unchanged picture (an icon, the dark night) is sent again this often, for dashboards opened since. */
  static final long MIRROR_REPEAT_MS = 2000;

  private record Devices(Optional<Path> framebuffer, Optional<Path> joystick) {}

  private record Read(SenseHatSample sample, Optional<Temperature> cpu) {}

  private final TemperatureCorrection correction = new TemperatureCorrection();
  private final MatrixMirror mirror = new MatrixMirror(MIRROR_INTERVAL_MS, MIRROR_REPEAT_MS);
  /** The sleep window is in this clock's zone; tests set the time of day. */
  private final Clock clock;
  private SenseHatConfig settings;
  private SenseHatFiles files;
  private BoardLeds boardLeds;
  private StoreClient store;
  private MatrixShow show;
  private Devices devices;
  private Thread joystickReader;
  private volatile boolean stopping;
  private boolean polling;
  private boolean writing;
  private Frame shown;
  private long tickTimer = -1;
  private long pollTimer = -1;
  /** The board LEDs as they were before the night; null while they are as the system left them. */
  private List<BoardLeds.Saved> ledsSwitchedOff;
  /** The board-LED write under way, if any: one at a time, and stop() waits for it. */
  private Future<Void> ledWork = Future.succeededFuture();
  private boolean ledsBusy;
  private Future<JsonObject> statusWrites = Future.succeededFuture();
  /** Why the stored section was refused, as last written to the status (null: it was fine). */
  private String configError;

  public SenseHatVerticle() {
    this(Clock.systemDefaultZone());
  }

  SenseHatVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    PulseSettings node = PulseSettings.from(config());
    settings = SenseHatConfig.from(config().getJsonObject(SenseHatConfig.SECTION, new JsonObject()));
    files = new SenseHatFiles(node.sysRoot(), Path.of(config().getString(DEV_ROOT, "/dev")));
    boardLeds = new BoardLeds(node.sysRoot());
    store = new StoreClient(vertx.eventBus());
    show = new MatrixShow(settings.rotation(), settings.iconTicks(), settings.sleep());
    return vertx.executeBlocking(() -> new Devices(files.framebuffer(), files.joystick()))
        .compose(found -> {
          devices = found;
          found.joystick().ifPresent(this::readJoystick);
          tickTimer = vertx.setPeriodic(settings.scrollMillis(), timer -> tick());
          pollTimer = vertx.setPeriodic(settings.pollSeconds() * 1000L, timer -> poll());
          poll();
          return vertx.eventBus().consumer(Addresses.CONFIG_CHANGED, this::configChanged).completion();
        })
        // Not awaited: without the hub's store the seed from this node's settings simply stays.
        .onSuccess(listening -> reloadConfig());
  }

  /**
   * Timers go with the deployment; the joystick thread, the dark board LEDs and the lit matrix do
   * not, so they are ended here.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (joystickReader != null) {
      // The reader's channel is interruptible: interrupting closes it and ends the blocked read.
      joystickReader.interrupt();
    }
    vertx.eventBus().publish(Addresses.SENSE_HAT_MATRIX, mirrorMessage(Frame.OFF));
    Future<Void> ledsRestored = ledWork.compose(previous -> ledsSwitchedOff == null
        ? Future.succeededFuture()
        : vertx.executeBlocking(() -> boardLeds.restore(ledsSwitchedOff))
            .map(warnings -> {
              warnings.forEach(warning -> LOG.warning("board LEDs: " + warning));
              return null;
            }));
    return ledsRestored.compose(restored -> devices == null || devices.framebuffer().isEmpty()
        ? Future.succeededFuture()
        : vertx.executeBlocking(() -> write(devices.framebuffer().get(), Frame.OFF)));
  }

  private void configChanged(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body) || !(body.getValue("section") instanceof String section)) {
      LOG.warning("ignoring malformed " + Addresses.CONFIG_CHANGED + " message, expected {section}: " + message.body());
      return;
    }
    if (SenseHatConfig.SECTION.equals(section)) {
      reloadConfig();
    }
  }

  /** Reads {@code config:sense_hat} from the hub and applies it; a refused section leaves the settings as they are. */
  private void reloadConfig() {
    store.config(SenseHatConfig.SECTION).onComplete(document -> {
      if (stopping || document == null) {
        return;
      }
      try {
        apply(SenseHatConfig.from(document));
        reportConfigError(null);
      } catch (IllegalArgumentException e) {
        LOG.warning("config:" + SenseHatConfig.SECTION + " refused, the current settings stay: " + e.getMessage());
        reportConfigError(e.getMessage());
      }
    }, error -> LOG.warning("cannot read config:" + SenseHatConfig.SECTION + " (" + error.getMessage()
        + "); the current settings stay"));
  }

  /** The new settings at once: the next tick draws with them, and timers whose period changed restart. */
  private void apply(SenseHatConfig next) {
    SenseHatConfig previous = settings;
    settings = next;
    show.configure(next.rotation(), next.iconTicks(), next.sleep());
    if (next.scrollMillis() != previous.scrollMillis()) {
      vertx.cancelTimer(tickTimer);
      tickTimer = vertx.setPeriodic(next.scrollMillis(), timer -> tick());
    }
    if (next.pollSeconds() != previous.pollSeconds()) {
      vertx.cancelTimer(pollTimer);
      pollTimer = vertx.setPeriodic(next.pollSeconds() * 1000L, timer -> poll());
    }
  }

  private void reportConfigError(String error) {
    if (java.util.Objects.equals(error, configError)) {
      return;
    }
    configError = error;
    reportStatus(new JsonObject().put("config_error", error));
  }

  private void reportStatus(JsonObject fields) {
    writeStatus(fields).onFailure(failure -> LOG.warning("cannot write status:" + ID + ": " + failure.getMessage()));
  }

  /** One status write at a time: the store merges by reading then writing, so two at once could lose fields. */
  private Future<JsonObject> writeStatus(JsonObject fields) {
    Future<JsonObject> write = statusWrites.transform(previous -> store.updateStatus(ID, fields));
    statusWrites = write;
    return write;
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    long started = System.nanoTime();
    vertx.executeBlocking(() -> new Read(IioSensors.read(files.iioDevices()), files.cpuTemperature().map(Temperature::parse)))
        .compose(read -> {
          OptionalDouble corrected = corrected(read);
          List<Reading> readings = SenseHatReadings.of(read.sample(), corrected, System.currentTimeMillis() / 1000.0);
          show.show(MatrixShow.pages(readings));
          List<String> missing = new ArrayList<>(read.sample().missing());
          if (read.cpu().isEmpty()) {
            missing.add(CPU_ZONE);
          }
          Future<Void> written = readings.isEmpty() ? Future.succeededFuture() : store.writeReadings(ID, readings);
          return written.compose(done -> writeStatus(new JsonObject()
              .put("last_success", now())
              .put("last_error", null)
              .put("readings", readings.size())
              .put("missing", new JsonArray(missing))
              .put("unreadable", new JsonArray(read.sample().unreadable()))
              .put("last_duration_ms", (System.nanoTime() - started) / 1_000_000)
              .put("refresh_interval", settings.pollSeconds())
              .put("framebuffer", devices.framebuffer().map(Path::toString).orElse(null))
              .put("joystick", devices.joystick().map(Path::toString).orElse(null))
              .put("pattern", SourcePattern.PERSISTENT.name().toLowerCase())));
        })
        .recover(error -> writeStatus(new JsonObject()
            .put("last_error", error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName())
            .put("last_error_at", now())))
        .onComplete(done -> polling = false);
  }

  /** Corrected for CPU heat; without a HAT temperature or a CPU temperature there is nothing to correct. */
  private OptionalDouble corrected(Read read) {
    if (read.sample().temperaturesCelsius().isEmpty() || read.cpu().isEmpty()) {
      return OptionalDouble.empty();
    }
    double hat = TemperatureCorrection.average(read.sample().temperaturesCelsius());
    return OptionalDouble.of(correction.next(hat, read.cpu().get().celsius()));
  }

  /** One tick of the matrix: its frame to the framebuffer and the mirror, the board LEDs to match the night. */
  private void tick() {
    // Once stopping, the all-off frame and the LED states stop() leaves must stay the last.
    if (stopping) {
      return;
    }
    LocalTime now = LocalTime.now(clock);
    Frame frame = show.tick(now);
    switchBoardLeds(settings.disablePiLeds() && show.asleep(now));
    mirror.offer(frame, System.nanoTime() / 1_000_000)
        .ifPresent(due -> vertx.eventBus().publish(Addresses.SENSE_HAT_MATRIX, mirrorMessage(due)));
    devices.framebuffer().ifPresent(framebuffer -> draw(framebuffer, frame));
  }

  private static JsonObject mirrorMessage(Frame frame) {
    return new JsonObject().put("frame", frame.toHex()).put("timestamp", now());
  }

  /**
   * Off for the night or back as they were, when that differs from their state; one write at a
   * time. What could not be done is a warning in the status: the matrix matters, these do not.
   */
  private void switchBoardLeds(boolean off) {
    if (ledsBusy || off == (ledsSwitchedOff != null)) {
      return;
    }
    ledsBusy = true;
    Future<List<String>> warnings = off
        ? vertx.executeBlocking(boardLeds::switchOff).map(outcome -> {
          ledsSwitchedOff = outcome.saved();
          return outcome.warnings();
        })
        : vertx.executeBlocking(() -> boardLeds.restore(ledsSwitchedOff)).map(left -> {
          ledsSwitchedOff = null;
          return left;
        });
    ledWork = warnings
        .recover(unexpected -> {
          // Counted as done either way, so that a broken tree is not retried on every tick.
          ledsSwitchedOff = off ? List.of() : null;
          return Future.succeededFuture(List.of(String.valueOf(unexpected)));
        })
        .map(left -> {
          ledsBusy = false;
          left.forEach(warning -> LOG.warning("board LEDs: " + warning));
          reportStatus(new JsonObject().put("pi_leds", off ? "off" : "restored").put("pi_leds_warnings", new JsonArray(left)));
          return null;
        });
  }

  /** The file is written only when the picture changes and no write is under way. */
  private void draw(Path framebuffer, Frame frame) {
    if (writing || frame.equals(shown)) {
      return;
    }
    writing = true;
    vertx.executeBlocking(() -> write(framebuffer, frame))
        .onComplete(done -> {
          writing = false;
          if (done.succeeded()) {
            shown = frame;
          } else {
            LOG.warning("cannot write " + framebuffer + ": " + done.cause());
          }
        });
  }

  /** At offset 0 without truncating: the framebuffer is a device of fixed size. */
  private static Void write(Path framebuffer, Frame frame) throws IOException {
    Files.write(framebuffer, frame.toRgb565(), StandardOpenOption.WRITE);
    return null;
  }

  /** Blocking reads of whole records on a thread of its own: a worker would be held for the verticle's life. */
  private void readJoystick(Path device) {
    Context here = context;
    int size = JoystickEvents.recordSize(System.getProperty("os.arch"));
    joystickReader = new Thread(() -> {
      try (InputStream in = Files.newInputStream(device)) {
        byte[] record = new byte[size];
        // A short read is the end of the stream: the device went away.
        while (!stopping && in.readNBytes(record, 0, size) == size) {
          List<Press> presses = JoystickEvents.decode(record, size);
          here.runOnContext(v -> presses.forEach(this::pressed));
        }
      } catch (IOException e) {
        if (!stopping) {
          LOG.warning("joystick " + device + " stopped: " + e);
        }
      }
    }, "sensehat-joystick");
    joystickReader.setDaemon(true);
    joystickReader.start();
  }

  private void pressed(Press press) {
    vertx.eventBus().publish(Addresses.SENSE_HAT_JOYSTICK,
        new JsonObject().put("key", press.key()).put("action", press.action()).put("timestamp", press.timestamp()));
    if ("pressed".equals(press.action()) && "left".equals(press.key())) {
      show.turn(-1);
    } else if ("pressed".equals(press.action()) && "right".equals(press.key())) {
      show.turn(1);
    }
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}

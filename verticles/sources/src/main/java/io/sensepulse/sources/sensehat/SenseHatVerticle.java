package io.sensepulse.sources.sensehat;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.Reading;
import io.sensepulse.common.source.SourcePattern;
import io.sensepulse.common.store.StoreClient;
import io.sensepulse.sources.sensehat.JoystickEvents.Press;
import io.sensepulse.sources.system.Temperature;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.logging.Logger;

/**
 * The Sense HAT, persistent on the node that carries it: reads the IIO sensors every poll interval
 * and writes them through the store as source {@code sense_hat}, scrolls them on the LED matrix,
 * and publishes joystick events on {@link io.sensepulse.common.Addresses#SENSE_HAT_JOYSTICK} (left and right turn the matrix's page).
 * Config: the node settings ({@code sys_root}), {@code dev_root} (default /dev) and the
 * {@code sense_hat} section ({@link SenseHatConfig}). A missing framebuffer or joystick leaves that
 * part off; missing sensors are named in the status.
 */
public class SenseHatVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SenseHatVerticle.class.getName());
  public static final String ID = "sense_hat";
  /** {@code {key: up|down|left|right|enter, action: pressed|released|held, timestamp}}. */
  public static final String DEV_ROOT = "dev_root";
  /** Named in the status when there is no CPU temperature to correct with. */
  static final String CPU_ZONE = "thermal_zone0";

  private record Devices(Optional<Path> framebuffer, Optional<Path> joystick) {}

  private record Read(SenseHatSample sample, Optional<Temperature> cpu) {}

  private final TemperatureCorrection correction = new TemperatureCorrection();
  private SenseHatConfig settings;
  private SenseHatFiles files;
  private StoreClient store;
  private MatrixShow show;
  private Devices devices;
  private Thread joystickReader;
  private volatile boolean stopping;
  private boolean polling;
  private boolean writing;
  private Frame shown;

  @Override
  public Future<?> start() {
    PulseSettings node = PulseSettings.from(config());
    settings = SenseHatConfig.from(config().getJsonObject(SenseHatConfig.SECTION, new JsonObject()));
    files = new SenseHatFiles(node.sysRoot(), Path.of(config().getString(DEV_ROOT, "/dev")));
    store = new StoreClient(vertx.eventBus());
    show = new MatrixShow(settings.rotation(), settings.iconTicks(), settings.sleep());
    return vertx.executeBlocking(() -> new Devices(files.framebuffer(), files.joystick()))
        .onSuccess(found -> {
          devices = found;
          found.framebuffer().ifPresent(fb -> vertx.setPeriodic(settings.scrollMillis(), timer -> draw(fb)));
          found.joystick().ifPresent(this::readJoystick);
          poll();
          vertx.setPeriodic(settings.pollSeconds() * 1000L, timer -> poll());
        })
        .mapEmpty();
  }

  /** Timers go with the deployment; the joystick thread and the lit matrix do not, so they are ended here. */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (joystickReader != null) {
      // The reader's channel is interruptible: interrupting closes it and ends the blocked read.
      joystickReader.interrupt();
    }
    return devices == null || devices.framebuffer().isEmpty()
        ? Future.succeededFuture()
        : vertx.executeBlocking(() -> write(devices.framebuffer().get(), Frame.OFF));
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
          return written.compose(done -> store.updateStatus(ID, new JsonObject()
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
        .recover(error -> store.updateStatus(ID, new JsonObject()
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

  /** One tick of the matrix; the file is written only when the picture changes and no write is under way. */
  private void draw(Path framebuffer) {
    Frame frame = show.tick(LocalTime.now());
    // Once stopping, the all-off frame stop() writes must stay the last.
    if (stopping || writing || frame.equals(shown)) {
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
    vertx.eventBus().publish(io.sensepulse.common.Addresses.SENSE_HAT_JOYSTICK,
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

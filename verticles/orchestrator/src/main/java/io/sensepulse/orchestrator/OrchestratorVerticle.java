package io.sensepulse.orchestrator;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.Ids;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.Secrets;
import io.sensepulse.common.media.HlsDir;
import io.sensepulse.common.node.VerticleCatalog;
import io.sensepulse.common.source.SourceCatalog;
import io.sensepulse.common.source.SourcePattern;
import io.sensepulse.camera.discovery.CameraDiscovery;
import io.sensepulse.common.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs the hub's ephemeral sources on their schedule. Seeds {@code config:*} from the node's
 * {@code sections} with SET NX (a user's change is never overwritten), triggers every source in
 * {@code config:schedule} at start-up and then on its interval, follows changes of that document
 * announced on {@link Addresses#CONFIG_CHANGED}, and keeps {@code status:orchestrator} current,
 * overdue sources ({@link HealthMonitor}) included. Answers {@link Addresses#CMD_ORCHESTRATOR}
 * ({@link OrchestratorCommands}). Sources are deployed through the agent of the node {@link Placement}
 * picks: this one, unless the source needs hardware that another node announced.
 *
 * <p>Config: the node settings ({@code node_id}, {@code redis_url}, {@code source_timeout}),
 * {@code health_interval} and {@code shutdown_grace} (seconds),
 * {@code sections} (seed documents by section) and {@code sources}: extra {@code [{id, verticle, requires}]}
 * entries, {@code verticle} being a name in the node agent's catalogue and {@code requires} an
 * optional node capability.
 */
public class OrchestratorVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(OrchestratorVerticle.class.getName());

  public static final String SOURCES = "sources";
  /** The id under which the orchestrator writes its own {@code status:{id}}. */
  public static final String STATUS_ID = io.sensepulse.common.RedisKeys.ORCHESTRATOR_STATUS_ID;
  /** Well inside the 120 s TTL of status keys. */
  static final long HEARTBEAT_MS = 30_000;
  /** Seconds between health checks ({@link HealthMonitor}); default 60. */
  public static final String HEALTH_INTERVAL = "health_interval";
  /** Seconds {@code stop()} waits for runs in flight before undeploying them; default 30. */
  public static final String SHUTDOWN_GRACE = "shutdown_grace";
  /** Seconds a camera stream may go unwatched before it is stopped; default 120. */
  public static final String CAMERA_IDLE_SECONDS = "camera_idle_seconds";
  /** Where streamers on this node write HLS, one folder per camera ({@link HlsDir}). */
  public static final String HLS_DIR = HlsDir.KEY;
  /** Delay between attempts to seed and read the schedule while Redis is unreachable. */
  static final long RETRY_MS = 5_000;

  private Map<String, SourceCatalog.Entry> sources;
  private Store store;
  private Placement placement;
  private SourceRunner runner;
  private SourceScheduler<SourceRunner.Result> scheduler;
  private HealthMonitor health;
  private CameraControl cameras;
  private int graceSeconds;
  /** Schedule entries already reported as not runnable, so each is logged once. */
  private final Set<String> reportedUnknown = new HashSet<>();

  @Override
  public Future<?> start() {
    PulseSettings settings;
    Map<String, JsonObject> seeds;
    int healthSeconds;
    int cameraIdleSeconds;
    java.nio.file.Path hlsDir;
    try {
      cameraIdleSeconds = PulseSettings.intIn(config(), CAMERA_IDLE_SECONDS, 120, 1, 86_400);
      graceSeconds = PulseSettings.intIn(config(), SHUTDOWN_GRACE, 30, 0, 600);
      healthSeconds = PulseSettings.intIn(config(), HEALTH_INTERVAL, 60, 1, 3600);
      settings = PulseSettings.from(config());
      hlsDir = HlsDir.of(config());
      sources = sourceTable(config().getValue(SOURCES));
      seeds = seeds(config().getValue(PulseSettings.SECTIONS));
    } catch (IllegalArgumentException | ClassCastException e) {
      return Future.failedFuture(new IllegalArgumentException("orchestrator config: " + e.getMessage(), e));
    }
    store = Store.create(vertx, settings.redisUrl());
    placement = new Placement(vertx, settings.nodeId());
    runner = new SourceRunner(vertx, placement::nodeFor, settings.sourceTimeoutSeconds(), store::updateStatus);
    health = new HealthMonitor(store::status);
    scheduler = new SourceScheduler<>(vertx, this::runSource, this::writeStatus);
    cameras = new CameraControl(vertx, settings.nodeId(), VerticleCatalog.CAMERA_STREAMER, hlsDir,
        cameraIdleSeconds, CameraControl.Storage.of(store), new CameraDiscovery(vertx)::discover, LeftoverFfmpeg::killLeftovers);
    OrchestratorCommands commands = commands();
    return store.start()
        .compose(started -> placement.start())
        .compose(started -> runner.start())
        .compose(ready -> cameras.start())
        .compose(ready -> vertx.eventBus().consumer(Addresses.CONFIG_CHANGED, this::configChanged).completion())
        .compose(ready -> vertx.eventBus().consumer(Addresses.CMD_ORCHESTRATOR, commands::handle).completion())
        .compose(ready -> {
          vertx.setPeriodic(HEARTBEAT_MS, id -> writeStatus());
          vertx.setPeriodic(healthSeconds * 1000L, id -> checkHealth());
          return initialise(seeds);
        });
  }

  /**
   * Graceful: nothing new starts, runs in flight get {@code shutdown_grace} seconds to end, and
   * what is still running then is undeployed.
   */
  @Override
  public Future<?> stop() {
    return scheduler.stop()
        .timeout(graceSeconds, TimeUnit.SECONDS)
        .onFailure(late -> LOG.warning("sources still running after " + graceSeconds + " s: " + scheduler.running()
            + "; undeploying them"))
        .otherwiseEmpty()
        .compose(drained -> runner.stop())
        .eventually(cameras::stop)
        .eventually(store::close);
  }

  /**
   * A source's settings are the section named after it ({@code config:pihole} for pihole), read
   * fresh for every run so a change in the dashboard applies at the next poll.
   */
  private Future<SourceRunner.Result> runSource(String id, int intervalSeconds) {
    return store.config(id).otherwiseEmpty()
        .compose(section -> runner.run(sources.get(id), intervalSeconds, section)).onSuccess(result -> {
      if (result.outcome() == SourceRunner.Outcome.SUCCEEDED) {
        health.succeeded(id, now());
      }
    });
  }

  private void checkHealth() {
    health.check(scheduler.scheduled(), scheduler.scheduledAt(), now()).onSuccess(report -> {
      if (!report.getJsonArray("overdue").isEmpty()) {
        LOG.warning("overdue sources: " + report.getJsonArray("overdue").encode());
      }
      writeStatus();
    });
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private OrchestratorCommands commands() {
    return new OrchestratorCommands()
        .add("trigger", this::trigger)
        .add("restart_service", this::restartService)
        .add("scan_aranet4", request -> runJob(ARANET4, "scan", new JsonObject()))
        .add("pihole_blocking", this::piholeBlocking)
        .add("discover_cameras", cameras::discover)
        .add("start_camera", cameras::startCamera)
        .add("stop_camera", cameras::stopCamera);
  }

  static final String ARANET4 = "aranet4";
  static final String PIHOLE = "pihole";
  /** Pi-hole's own limit for a blocking timer: a day. */
  static final int MAX_BLOCKING_TIMER = 86_400;

  /** Runs a one-off job of a source's code with its config section, on the node placed for it. */
  private Future<JsonObject> runJob(String sourceId, String mode, JsonObject job) {
    SourceCatalog.Entry source = sources.get(sourceId);
    return store.config(sourceId).otherwiseEmpty().compose(section -> runner.job(source, mode, job, section));
  }

  /** {@code {enabled: bool, timer: null|1-86400}}: replies with Pi-hole's new {@code {blocking, timer}}. */
  private Future<JsonObject> piholeBlocking(JsonObject request) {
    if (!(request.getValue("enabled") instanceof Boolean enabled)) {
      throw new IllegalArgumentException("'pihole_blocking' needs {enabled: true|false, timer: null|seconds}");
    }
    Object timer = request.getValue("timer");
    if (timer != null && !(timer instanceof Integer seconds && seconds >= 1 && seconds <= MAX_BLOCKING_TIMER)) {
      throw new IllegalArgumentException("'timer' must be null or whole seconds 1-" + MAX_BLOCKING_TIMER);
    }
    return runJob(PIHOLE, "blocking", new JsonObject().put("enabled", enabled).put("timer", timer));
  }

  /** Runs a scheduled source now; replies when the run has ended, ok only if it succeeded. */
  private Future<JsonObject> trigger(JsonObject request) {
    String service = OrchestratorCommands.service(request);
    return scheduler.runNow(service).compose(result -> result.outcome() == SourceRunner.Outcome.SUCCEEDED
        ? Future.succeededFuture(new JsonObject().put("service", service).put("outcome", "succeeded"))
        : Future.failedFuture(service + " run " + result.outcome().name().toLowerCase() + ": " + result.error()));
  }

  /**
   * Ephemeral sources are the only services the orchestrator deploys so far: their timer stops,
   * a run in flight ends, and they run again at once and on their interval.
   */
  private Future<JsonObject> restartService(JsonObject request) {
    String service = OrchestratorCommands.service(request);
    return scheduler.restart(service).map(interval -> new JsonObject().put("service", service).put("interval", interval));
  }

  /**
   * Seeds, then reads the schedule. Never fails: while Redis is unreachable it retries in the
   * background, so the node still comes up (the store reports Redis as down meanwhile).
   */
  private Future<Void> initialise(Map<String, JsonObject> seeds) {
    return seed(seeds).compose(seeded -> reloadSchedule()).recover(error -> {
      LOG.warning("cannot seed or read config:" + ConfigSections.SCHEDULE + " (" + error.getMessage()
          + "); retrying in " + RETRY_MS / 1000 + " s");
      vertx.setTimer(RETRY_MS, id -> initialise(seeds));
      return Future.succeededFuture();
    });
  }

  private Future<Void> seed(Map<String, JsonObject> seeds) {
    List<Future<Boolean>> writes = new ArrayList<>();
    seeds.forEach((section, document) -> writes.add(store.seedConfig(section, document).onSuccess(written -> LOG.info(
        written ? "seeded config:" + section + " = " + Secrets.redact(document).encode() : "config:" + section + " already set; kept"))));
    return Future.all(writes).mapEmpty();
  }

  private void configChanged(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body) || !(body.getValue("section") instanceof String section)) {
      LOG.warning("ignoring malformed " + Addresses.CONFIG_CHANGED + " message, expected {section}: " + message.body());
      return;
    }
    if (ConfigSections.SCHEDULE.equals(section)) {
      reloadSchedule().onFailure(error -> LOG.warning("cannot reload config:" + ConfigSections.SCHEDULE
          + " (" + error.getMessage() + "); the current schedule stays"));
    }
  }

  /** Fails only when the store does; an invalid document is logged and leaves the schedule as it is. */
  private Future<Void> reloadSchedule() {
    return store.config(ConfigSections.SCHEDULE).onSuccess(this::applySchedule).mapEmpty();
  }

  private void applySchedule(JsonObject document) {
    if (document == null) {
      LOG.info("config:" + ConfigSections.SCHEDULE + " is not set; nothing is scheduled");
      scheduler.apply(Map.of());
      return;
    }
    JsonObject valid;
    try {
      valid = ConfigSections.validate(ConfigSections.SCHEDULE, document);
    } catch (IllegalArgumentException e) {
      LOG.severe("config:" + ConfigSections.SCHEDULE + " is invalid (" + e.getMessage() + "); the current schedule stays");
      return;
    }
    Map<String, Integer> runnable = new TreeMap<>();
    for (String id : valid.fieldNames()) {
      if (sources.containsKey(id)) {
        runnable.put(id, valid.getInteger(id));
      } else if (reportedUnknown.add(id)) {
        LOG.warning("config:" + ConfigSections.SCHEDULE + " names '" + id
            + "', which is not an ephemeral source this orchestrator knows (" + sources.keySet() + "); ignoring it");
      }
    }
    scheduler.apply(runnable);
  }

  /**
   * Writes {@code status:orchestrator} whole (with the last health report), so writes that
   * overlap cannot drop each other's fields; called on every change and by the heartbeat.
   */
  private void writeStatus() {
    JsonObject scheduled = new JsonObject();
    scheduler.scheduled().forEach(scheduled::put);
    JsonObject skipped = new JsonObject();
    scheduler.skipped().forEach(skipped::put);
    JsonObject status = health.report()
        .put("running", new JsonArray(new ArrayList<>(scheduler.running())))
        .put("scheduled", scheduled)
        .put("skipped", skipped)
        .put("last_tick", now());
    store.updateStatus(STATUS_ID, status)
        .onFailure(error -> LOG.fine(() -> "cannot write status:" + STATUS_ID + ": " + error.getMessage()));
  }

  /**
   * The sources this orchestrator runs: the ephemeral ones of {@link SourceCatalog#ALL} plus the
   * {@code sources} config entries.
   */
  static Map<String, SourceCatalog.Entry> sourceTable(Object extra) {
    Map<String, SourceCatalog.Entry> table = new LinkedHashMap<>();
    SourceCatalog.ALL.stream()
        .filter(entry -> entry.pattern() == SourcePattern.EPHEMERAL)
        .forEach(entry -> table.put(entry.id(), entry));
    if (extra == null) {
      return table;
    }
    if (!(extra instanceof JsonArray entries)) {
      throw new IllegalArgumentException("'" + SOURCES + "' must be a JSON array of {id, verticle}");
    }
    for (Object raw : entries) {
      if (!(raw instanceof JsonObject entry)
          || !(entry.getValue("id") instanceof String id)
          || !(entry.getValue("verticle") instanceof String verticle)
          || verticle.isBlank()) {
        throw new IllegalArgumentException("'" + SOURCES + "' entries must be {id, verticle} strings, got " + raw);
      }
      Ids.requireSourceId(id);
      if (STATUS_ID.equals(id) || table.containsKey(id)) {
        throw new IllegalArgumentException("source id '" + id + "' in '" + SOURCES + "' is already taken");
      }
      Object requires = entry.getValue("requires");
      if (requires != null && !(requires instanceof String)) {
        throw new IllegalArgumentException("'" + SOURCES + "' entry '" + id + "': 'requires' must be a capability name");
      }
      table.put(id, new SourceCatalog.Entry(id, verticle, SourcePattern.EPHEMERAL, (String) requires));
    }
    return table;
  }

  /**
   * The seed documents of {@code sections}, validated and normalised. What is invalid is dropped
   * with an error in the log, so one bad environment variable does not keep the rest from seeding.
   */
  static Map<String, JsonObject> seeds(Object sections) {
    Map<String, JsonObject> seeds = new TreeMap<>();
    if (sections == null) {
      return seeds;
    }
    if (!(sections instanceof JsonObject documents)) {
      throw new IllegalArgumentException("'" + PulseSettings.SECTIONS + "' must be a JSON object of section -> document");
    }
    for (String section : documents.fieldNames()) {
      if (!ConfigSections.isKnown(section)) {
        LOG.severe("not seeding config:" + section + ": unknown section; known: " + ConfigSections.names());
      } else if (!(documents.getValue(section) instanceof JsonObject document)) {
        LOG.severe("not seeding config:" + section + ": its seed must be a JSON object");
      } else {
        JsonObject valid = validSeed(section, document);
        if (valid != null) {
          seeds.put(section, valid);
        }
      }
    }
    return seeds;
  }

  /**
   * The document, or for the schedule (whose entries stand alone) the entries that pass on their
   * own; null if nothing does. Other sections seed whole or not at all: half an auth section
   * would silently unlock the hub.
   */
  private static JsonObject validSeed(String section, JsonObject document) {
    try {
      return ConfigSections.validate(section, document);
    } catch (IllegalArgumentException whole) {
      if (!section.equals(ConfigSections.SCHEDULE)) {
        LOG.severe("not seeding config:" + section + ": " + whole.getMessage());
        return null;
      }
      JsonObject kept = new JsonObject();
      for (String field : document.fieldNames()) {
        try {
          kept.mergeIn(ConfigSections.validate(section, new JsonObject().put(field, document.getValue(field))));
        } catch (IllegalArgumentException e) {
          LOG.severe("not seeding " + field + " of config:" + section + ": " + e.getMessage());
        }
      }
      try {
        return kept.isEmpty() ? null : ConfigSections.validate(section, kept);
      } catch (IllegalArgumentException e) {
        LOG.severe("not seeding config:" + section + ": " + e.getMessage());
        return null;
      }
    }
  }
}

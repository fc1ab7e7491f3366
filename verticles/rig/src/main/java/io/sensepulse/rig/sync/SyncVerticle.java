package io.sensepulse.rig.sync;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.BusMessages;
import io.sensepulse.rig.RigClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps this node's clock offset to the master (CAM_C) in the local map {@value #CLOCK_MAP}, key
 * {@value #OFFSET_KEY}: {@code {offset_ms, confidence_ms, source, measured_at}}, offset = this clock
 * minus the master's. The master answers NTP-style pings on {@code pulse.rig.<master>.ping} and
 * writes offset 0 ("self"); every other node asks chrony and pings the master over the bus every
 * {@code sync_interval} seconds, preferring chrony when it is synchronised. Catalogue name
 * {@code rig.sync}; config: {@link SyncSettings}.
 */
public class SyncVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SyncVerticle.class.getName());

  /** The node-local map the recorder and the coordinator read the offset from. */
  public static final String CLOCK_MAP = "pulse.rig.clock";
  public static final String OFFSET_KEY = "offset";
  /** Why the last measurement found nothing, as text; removed once one succeeds. */
  public static final String ERROR_KEY = "error";

  private SyncSettings settings;
  private RigClock clock;
  private ChronyReader chrony;
  private LocalMap<String, Object> clockMap;
  private final ClockFilter filter = new ClockFilter();
  private boolean measuring;
  /** Why the last measurement had no usable chrony report, and why its pings got no answer. */
  private String chronyProblem;
  private String pingProblem;

  @Override
  public Future<?> start() {
    try {
      settings = SyncSettings.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    clock = RigClock.system(settings.clockSkewMillis());
    clockMap = vertx.sharedData().getLocalMap(CLOCK_MAP);
    if (settings.isMaster()) {
      publish(ClockOffset.self(clock.nowMillis()));
      vertx.setPeriodic(settings.intervalSeconds() * 1000L, id -> publish(ClockOffset.self(clock.nowMillis())));
      return vertx.eventBus().<Object>consumer(Addresses.rigSyncPing(settings.master()), this::answerPing).completion();
    }
    chrony = settings.chronyc().isEmpty() ? null : new ChronyReader(settings.chronyc());
    // The first measurement is not awaited: the master may join the cluster after this node.
    measure();
    vertx.setPeriodic(settings.intervalSeconds() * 1000L, id -> measure());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    clockMap.remove(OFFSET_KEY);
    clockMap.remove(ERROR_KEY);
    return Future.succeededFuture();
  }

  /** t2 when the ping is handled, t3 just before the answer leaves, both on the master's clock. */
  private void answerPing(Message<Object> message) {
    double t2 = clock.nowMillis();
    JsonObject body;
    try {
      body = BusMessages.jsonBody(message);
    } catch (IllegalArgumentException e) {
      message.fail(BusMessages.BAD_REQUEST, e.getMessage());
      return;
    }
    if (!(body.getValue("t1") instanceof Number t1)) {
      message.fail(BusMessages.BAD_REQUEST, "a ping needs t1, the sender's clock in epoch ms");
      return;
    }
    message.reply(new JsonObject().put("t1", t1.doubleValue()).put("t2", t2).put("t3", clock.nowMillis()));
  }

  private void measure() {
    if (measuring) {
      return;
    }
    measuring = true;
    Future<Optional<ChronyTracking>> chronyReport = readChrony();
    Future<Optional<ClockFilter.Estimate>> busEstimate = pingRounds().map(samples -> {
      PingSample.best(samples).ifPresent(filter::add);
      return filter.estimate(clock.nowMillis());
    });
    Future.join(chronyReport, busEstimate).onComplete(done -> {
      measuring = false;
      Optional<ClockOffset> chosen = ClockOffset.choose(chronyReport.result(), busEstimate.result(), clock.nowMillis());
      if (chosen.isPresent()) {
        publish(chosen.get());
      } else {
        String why = "no clock offset to " + settings.master() + ": " + chronyProblem + "; " + pingProblem;
        // once per change, not every interval: a hub waits for CAM_C quietly
        if (!why.equals(clockMap.put(ERROR_KEY, why))) {
          LOG.warning(why);
        }
      }
    });
  }

  private Future<Optional<ChronyTracking>> readChrony() {
    if (chrony == null) {
      chronyProblem = "chrony not asked (chronyc is \"\")";
      return Future.succeededFuture(Optional.empty());
    }
    return vertx.executeBlocking(() -> Optional.of(chrony.read()), false)
        .onSuccess(report -> chronyProblem = "chrony not synchronised")
        .otherwise(error -> {
          chronyProblem = "chrony: " + error.getMessage();
          return Optional.empty();
        });
  }

  /** Rounds one after the other (a loop, not recursion): parallel pings would queue behind each other. */
  private Future<List<PingSample>> pingRounds() {
    List<PingSample> samples = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < settings.rounds(); i++) {
      chain = chain.compose(previous -> ping().map(sample -> {
        samples.add(sample);
        return (Void) null;
      }).otherwise(error -> {
        pingProblem = pingFailure(error);
        return null;
      }));
    }
    return chain.map(samples);
  }

  private String pingFailure(Throwable error) {
    if (error instanceof io.vertx.core.eventbus.ReplyException reply) {
      return switch (reply.failureType()) {
        case NO_HANDLERS -> settings.master() + " is not on the cluster";
        case TIMEOUT -> "no answer to pings within " + settings.pingTimeoutMillis() + " ms";
        default -> "pings failed: " + reply.getMessage();
      };
    }
    return "pings failed: " + error.getMessage();
  }

  private Future<PingSample> ping() {
    double t1 = clock.nowMillis();
    return vertx.eventBus().<JsonObject>request(Addresses.rigSyncPing(settings.master()), new JsonObject().put("t1", t1),
            new DeliveryOptions().setSendTimeout(settings.pingTimeoutMillis()))
        .map(reply -> {
          double t4 = clock.nowMillis();
          JsonObject body = reply.body();
          return new PingSample(t1, body.getDouble("t2"), body.getDouble("t3"), t4);
        });
  }

  private void publish(ClockOffset offset) {
    clockMap.put(OFFSET_KEY, new JsonObject(new java.util.HashMap<>(offset.fields())));
    if (clockMap.remove(ERROR_KEY) != null) {
      LOG.info(String.format(java.util.Locale.ROOT, "clock offset to %s known again: %.3f ms (%s)", settings.master(),
          offset.offsetMillis(), offset.source()));
    }
  }
}

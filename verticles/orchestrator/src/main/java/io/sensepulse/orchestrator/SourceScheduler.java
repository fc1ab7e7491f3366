package io.sensepulse.orchestrator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Triggers each scheduled source at once and then every interval, and never starts a source while
 * its previous run is still in flight (that trigger is skipped and counted). Knows nothing of the
 * bus: what a trigger does is the {@link Trigger}'s business. Not thread safe: use it from one
 * context, the orchestrator's.
 *
 * @param <R> what a run ends with
 */
final class SourceScheduler<R> {
  private static final Logger LOG = Logger.getLogger(SourceScheduler.class.getName());

  /** Starts one run of a source; the returned future completes when the run has ended. */
  @FunctionalInterface
  interface Trigger<R> {
    Future<R> run(String sourceId, int intervalSeconds);
  }

  private final Vertx vertx;
  private final Trigger<R> trigger;
  private final Runnable onChange;
  private final Map<String, Integer> intervals = new TreeMap<>();
  private final Map<String, Long> timers = new HashMap<>();
  private final Map<String, Future<R>> running = new TreeMap<>();
  private final Map<String, Long> skipped = new TreeMap<>();
  /** When each source was first scheduled, in seconds since the epoch: the health monitor's grace. */
  private final Map<String, Double> scheduledAt = new HashMap<>();
  private boolean stopped;

  /** {@code onChange} is told whenever what is scheduled, running or skipped changes. */
  SourceScheduler(Vertx vertx, Trigger<R> trigger, Runnable onChange) {
    this.vertx = vertx;
    this.trigger = trigger;
    this.onChange = onChange;
  }

  /**
   * Makes {@code schedule} (source id to seconds) the schedule: sources no longer in it stop being
   * triggered (a run in flight finishes), new ones run at once and then on their interval, and a
   * changed interval restarts that source's timer. Unchanged sources are left alone.
   */
  void apply(Map<String, Integer> schedule) {
    if (stopped) {
      return;
    }
    for (String id : Set.copyOf(intervals.keySet())) {
      if (!schedule.containsKey(id)) {
        cancelTimer(id);
        intervals.remove(id);
        skipped.remove(id);
        scheduledAt.remove(id);
        LOG.info("source " + id + " unscheduled");
      }
    }
    schedule.forEach((id, seconds) -> {
      Integer previous = intervals.put(id, seconds);
      if (seconds.equals(previous)) {
        return;
      }
      startTimer(id, seconds);
      LOG.info("source " + id + " scheduled every " + seconds + " s");
      if (previous == null) {
        scheduledAt.put(id, System.currentTimeMillis() / 1000.0);
        fire(id);
      }
    });
    onChange.run();
  }

  /** Starts a run of a scheduled source unless one is in flight. */
  void fire(String id) {
    if (!intervals.containsKey(id)) {
      return;
    }
    if (running.containsKey(id)) {
      long count = skipped.merge(id, 1L, Long::sum);
      LOG.fine(() -> "source " + id + " still running; trigger skipped (" + count + " so far)");
      onChange.run();
      return;
    }
    start(id);
  }

  /**
   * Runs a scheduled source now, outside its timer, and completes with the run's end. A source
   * already running is not started twice: the caller gets the end of the run in flight, which is
   * as fresh as a new one. Fails at once when the source is not scheduled.
   */
  Future<R> runNow(String id) {
    if (stopped) {
      return Future.failedFuture("the orchestrator is shutting down");
    }
    if (!intervals.containsKey(id)) {
      return Future.failedFuture(notScheduled(id));
    }
    Future<R> inFlight = running.get(id);
    return inFlight != null ? inFlight : start(id);
  }

  /**
   * Stops triggering a scheduled source, lets a run in flight end, then runs it at once and on its
   * interval again. Completes with its interval once it is rescheduled.
   */
  Future<Integer> restart(String id) {
    if (!intervals.containsKey(id)) {
      return Future.failedFuture(notScheduled(id));
    }
    cancelTimer(id);
    Future<R> inFlight = running.getOrDefault(id, Future.succeededFuture());
    return inFlight.transform(ended -> {
      Integer interval = intervals.get(id);
      if (interval == null) {
        return Future.failedFuture(id + " was unscheduled while it restarted");
      }
      startTimer(id, interval);
      fire(id);
      LOG.info("source " + id + " restarted");
      return Future.succeededFuture(interval);
    });
  }

  /**
   * Stops every timer for good and completes when the runs in flight have ended (however they
   * end); it does not end them.
   */
  Future<Void> stop() {
    stopped = true;
    timers.values().forEach(vertx::cancelTimer);
    timers.clear();
    intervals.clear();
    scheduledAt.clear();
    return Future.join(new ArrayList<>(running.values())).<Void>mapEmpty().otherwiseEmpty();
  }

  Map<String, Integer> scheduled() {
    return Collections.unmodifiableMap(intervals);
  }

  Map<String, Double> scheduledAt() {
    return Collections.unmodifiableMap(scheduledAt);
  }

  Set<String> running() {
    return Collections.unmodifiableSet(running.keySet());
  }

  /** Triggers skipped because the previous run was still in flight, per scheduled source. */
  Map<String, Long> skipped() {
    return Collections.unmodifiableMap(skipped);
  }

  private Future<R> start(String id) {
    Future<R> run = trigger.run(id, intervals.get(id));
    running.put(id, run);
    onChange.run();
    run.onComplete(ended -> {
      if (ended.failed()) {
        LOG.warning("run of source " + id + " ended unexpectedly: " + ended.cause());
      }
      running.remove(id);
      onChange.run();
    });
    return run;
  }

  private void startTimer(String id, int seconds) {
    cancelTimer(id);
    timers.put(id, vertx.setPeriodic(seconds * 1000L, timer -> fire(id)));
  }

  private void cancelTimer(String id) {
    Long timer = timers.remove(id);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  private String notScheduled(String id) {
    return id + " is not scheduled; scheduled: " + intervals.keySet();
  }
}

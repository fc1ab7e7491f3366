package io.sensepulse.orchestrator;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.source.SourceCatalog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Runs one ephemeral source once: asks the agent of the node placed for it to deploy its verticle with a fresh run id and
 * waits for that run's {@link Addresses#SOURCE_RUN_DONE}. A run that outlasts the timeout is
 * undeployed and recorded as the source's error, as is a deploy the agent refuses. Not thread
 * safe: use it from one context, the orchestrator's.
 */
final class SourceRunner {
  private static final Logger LOG = Logger.getLogger(SourceRunner.class.getName());

  /** Bounds deploy and undeploy requests; a Pi deploys a verticle in well under a second. */
  static final long CONTROL_TIMEOUT_MS = 15_000;

  enum Outcome { SUCCEEDED, FAILED, TIMED_OUT, DEPLOY_FAILED }

  /** How a run ended; {@code error} is null when it succeeded, {@code data} is a job's result. */
  record Result(Outcome outcome, String error, JsonObject data) {
    Result(Outcome outcome, String error) {
      this(outcome, error, null);
    }
  }

  /** Merges fields into {@code status:{id}}; the orchestrator passes its Store. */
  @FunctionalInterface
  interface StatusWriter {
    Future<?> update(String sourceId, JsonObject fields);
  }

  /** One run in flight, keyed by its run id. */
  private static final class Run {
    final String sourceId;
    final String node;
    /** A poll's failures to start or end go to the source's status; a job's go to whoever asked. */
    final boolean poll;
    final Promise<Result> ended = Promise.promise();
    Future<String> deployed;
    long timer;

    Run(String sourceId, String node, boolean poll) {
      this.sourceId = sourceId;
      this.node = node;
      this.poll = poll;
    }
  }

  private final Vertx vertx;
  /** The node whose agent runs a source. */
  private final Function<SourceCatalog.Entry, String> placement;
  private final int timeoutSeconds;
  private final StatusWriter status;
  private final Map<String, Run> runs = new HashMap<>();
  private MessageConsumer<Object> runDoneConsumer;

  SourceRunner(Vertx vertx, Function<SourceCatalog.Entry, String> placement, int timeoutSeconds, StatusWriter status) {
    this.vertx = vertx;
    this.placement = placement;
    this.timeoutSeconds = timeoutSeconds;
    this.status = status;
  }

  Future<Void> start() {
    runDoneConsumer = vertx.eventBus().consumer(Addresses.SOURCE_RUN_DONE, this::runDone);
    return runDoneConsumer.completion();
  }

  /**
   * Undeploys the runs still in flight, awaiting deploy replies still on their way, so an
   * orchestrator that goes away does not leave hung sources behind.
   */
  Future<Void> stop() {
    List<Future<?>> undeploys = new ArrayList<>();
    runs.values().forEach(run -> {
      vertx.cancelTimer(run.timer);
      undeploys.add(run.deployed.compose(deploymentId -> undeploy(run, deploymentId)).otherwiseEmpty());
    });
    runs.clear();
    return Future.all(undeploys).eventually(runDoneConsumer::unregister).mapEmpty();
  }

  /**
   * Deploys the source on the node and completes when the run has ended, however it ended; never
   * fails. The timeout counts from now, so it covers the deploy as well as the poll.
   */
  Future<Result> run(SourceCatalog.Entry source, int intervalSeconds) {
    return run(source, intervalSeconds, null);
  }

  /** As {@link #run(SourceCatalog.Entry, int)}, handing the source its own config section under its id. */
  Future<Result> run(SourceCatalog.Entry source, int intervalSeconds, JsonObject section) {
    return launch(source, new JsonObject().put("refresh_interval", intervalSeconds), section, true);
  }

  /**
   * Runs the one-off job {@code mode} of the source's code on the node (a scan, a command), under
   * the same timeout as a poll. Completes with the job's result; fails with why it did not run or
   * end. Leaves the source's status alone: a job is not a poll.
   */
  Future<JsonObject> job(SourceCatalog.Entry source, String mode, JsonObject job, JsonObject section) {
    return launch(source, new JsonObject().put("mode", mode).put("job", job), section, false)
        .compose(ended -> ended.outcome() == Outcome.SUCCEEDED
            ? Future.succeededFuture(ended.data() == null ? new JsonObject() : ended.data())
            : Future.failedFuture(source.id() + " " + mode + ": " + ended.error()));
  }

  private Future<Result> launch(SourceCatalog.Entry source, JsonObject config, JsonObject section, boolean poll) {
    String runId = UUID.randomUUID().toString();
    Run run = new Run(source.id(), placement.apply(source), poll);
    // Registered before the deploy request: the run-done may overtake the deploy reply.
    runs.put(runId, run);
    run.timer = vertx.setTimer(timeoutSeconds * 1000L, id -> run.ended.tryComplete(new Result(Outcome.TIMED_OUT, null)));
    config.put("run", runId);
    if (section != null) {
      config.put(source.id(), section);
    }
    JsonObject request = new JsonObject().put("verticle", source.verticle()).put("config", config);
    run.deployed = vertx.eventBus()
        .request(Addresses.nodeDeploy(run.node), request, new DeliveryOptions().setSendTimeout(CONTROL_TIMEOUT_MS))
        .map(reply -> deploymentId(reply.body()));
    run.deployed.onFailure(error -> run.ended.tryComplete(new Result(Outcome.DEPLOY_FAILED, error.getMessage())));
    return run.ended.future().compose(ended -> settle(runId, run, ended));
  }

  private Future<Result> settle(String runId, Run run, Result ended) {
    runs.remove(runId);
    vertx.cancelTimer(run.timer);
    return switch (ended.outcome()) {
      case SUCCEEDED -> Future.succeededFuture(ended);
      case FAILED -> {
        // The source has written its own status; the orchestrator only notes it.
        LOG.fine(() -> "source " + run.sourceId + " run " + runId + " failed: " + ended.error());
        yield Future.succeededFuture(ended);
      }
      case DEPLOY_FAILED -> {
        String error = "deploy on node " + run.node + " failed: " + ended.error();
        LOG.warning("source " + run.sourceId + ": " + error);
        yield recordError(run, error).map(new Result(ended.outcome(), error));
      }
      case TIMED_OUT -> {
        String error = "timed out after " + timeoutSeconds + "s";
        LOG.warning("source " + run.sourceId + " run " + runId + " " + error + "; undeploying it");
        // A deploy reply still on its way is awaited so the late deployment is undeployed too.
        yield run.deployed
            .compose(deploymentId -> undeploy(run, deploymentId))
            .otherwiseEmpty()
            .compose(undeployed -> recordError(run, error))
            .map(new Result(ended.outcome(), error));
      }
    };
  }

  private Future<Void> undeploy(Run run, String deploymentId) {
    return vertx.eventBus()
        .request(Addresses.nodeUndeploy(run.node), new JsonObject().put("deploymentId", deploymentId),
            new DeliveryOptions().setSendTimeout(CONTROL_TIMEOUT_MS))
        .onFailure(error -> LOG.warning("cannot undeploy source " + run.sourceId + " (" + deploymentId + ") on node "
            + run.node + ": " + error.getMessage()))
        .mapEmpty();
  }

  /** Never fails: a status that cannot be written (Redis down) is only logged. Polls only. */
  private Future<Void> recordError(Run run, String error) {
    if (!run.poll) {
      return Future.succeededFuture();
    }
    String sourceId = run.sourceId;
    JsonObject fields = new JsonObject().put("last_error", error).put("last_error_at", System.currentTimeMillis() / 1000.0);
    return status.update(sourceId, fields)
        .onFailure(failure -> LOG.warning("cannot record status of " + sourceId + ": " + failure.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void runDone(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body)
        || !(body.getValue("run") instanceof String runId)
        || !(body.getValue("source") instanceof String sourceId)
        || !(body.getValue("ok") instanceof Boolean ok)) {
      LOG.warning("ignoring malformed " + Addresses.SOURCE_RUN_DONE + " message, expected {source, run, ok, error}: "
          + message.body());
      return;
    }
    Run run = runs.get(runId);
    if (run == null) {
      // A run that already timed out, or one this orchestrator did not start.
      LOG.fine(() -> "ignoring run-done of " + sourceId + " for run " + runId + ", which is not in flight");
      return;
    }
    if (!run.sourceId.equals(sourceId)) {
      LOG.warning("ignoring run-done for run " + runId + ": it names source '" + sourceId + "', the run is of '"
          + run.sourceId + "'");
      return;
    }
    Object error = body.getValue("error");
    JsonObject data = body.getValue("result") instanceof JsonObject result ? result : null;
    run.ended.tryComplete(new Result(ok ? Outcome.SUCCEEDED : Outcome.FAILED, error == null ? null : error.toString(), data));
  }

  private static String deploymentId(Object reply) {
    if (reply instanceof JsonObject body && body.getValue("deploymentId") instanceof String id && !id.isEmpty()) {
      return id;
    }
    throw new IllegalArgumentException("node agent replied without a deploymentId: " + reply);
  }
}

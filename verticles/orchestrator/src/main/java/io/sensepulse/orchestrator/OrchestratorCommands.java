package io.sensepulse.orchestrator;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Ids;
import io.sensepulse.common.Secrets;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The command table behind {@link Addresses#CMD_ORCHESTRATOR}: {@code {command, ...}} is answered
 * with {@code {status: "ok", data}} or {@code {status: "error", error}}. A bad request is an error
 * reply, never a bus failure, so a dashboard shows every refusal the same way. Adding a command is
 * one {@link #add} call.
 */
final class OrchestratorCommands {
  private static final Logger LOG = Logger.getLogger(OrchestratorCommands.class.getName());

  /** Carries out one command; throws IllegalArgumentException or fails the future to refuse it. */
  @FunctionalInterface
  interface Command {
    Future<JsonObject> run(JsonObject request);
  }

  private final Map<String, Command> commands = new LinkedHashMap<>();

  OrchestratorCommands add(String name, Command command) {
    if (commands.putIfAbsent(name, command) != null) {
      throw new IllegalStateException("command '" + name + "' is registered twice");
    }
    return this;
  }

  void handle(Message<Object> message) {
    Future<JsonObject> result;
    try {
      if (!(message.body() instanceof JsonObject request) || !(request.getValue("command") instanceof String name)) {
        throw new IllegalArgumentException("expected {command, ...}; commands: " + commands.keySet());
      }
      Command command = commands.get(name);
      if (command == null) {
        throw new IllegalArgumentException("unknown command '" + name + "'; commands: " + commands.keySet());
      }
      result = command.run(request);
    } catch (IllegalArgumentException | ClassCastException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(
        data -> message.reply(new JsonObject().put("status", "ok").put("data", data)),
        error -> message.reply(new JsonObject().put("status", "error").put("error", describe(error))));
  }

  /** The {@code service} of a request: a source id. */
  static String service(JsonObject request) {
    if (!(request.getValue("service") instanceof String service) || !Ids.isSourceId(service)) {
      throw new IllegalArgumentException("'" + request.getValue("command") + "' needs {service}: a source id");
    }
    return service;
  }

  private static String describe(Throwable error) {
    String text = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    // Errors can quote device URLs; replies reach browsers.
    String safe = Secrets.redactUrl(text);
    LOG.fine(() -> "command refused: " + safe);
    return safe;
  }
}

package io.sensepulse.sources.pihole;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.Optional;

/**
 * The Pi-hole commands, for whoever wires them to the bus: turn blocking on or off, optionally for
 * a while. Shares the v6 session of the source through the node's local shared data.
 */
public final class PiholeCommands {
  /** The longest timer accepted: a day. */
  public static final int MAX_TIMER_SECONDS = 86_400;

  private final PiholeClient client;

  /** The caller owns the web client (create it with {@link PiholeClient#options}) and closes it. */
  public PiholeCommands(Vertx vertx, WebClient web, PiholeConfig config) {
    this.client = new PiholeClient(vertx, web, config);
  }

  /**
   * @param timerSeconds null for good, else 1 to {@link #MAX_TIMER_SECONDS}: Pi-hole flips blocking back after that
   * @return the new state: {@code {blocking: "enabled"|"disabled"|..., timer: seconds|null}}
   */
  public Future<JsonObject> setBlocking(boolean enabled, Integer timerSeconds) {
    if (timerSeconds != null && (timerSeconds < 1 || timerSeconds > MAX_TIMER_SECONDS)) {
      return Future.failedFuture(new IllegalArgumentException(
          "timer must be between 1 and " + MAX_TIMER_SECONDS + " seconds, got " + timerSeconds));
    }
    return client.setBlocking(enabled, Optional.ofNullable(timerSeconds))
        .map(state -> new JsonObject().put("blocking", state.state()).put("timer", state.timerSeconds().orElse(null)));
  }
}

package io.sensepulse.sources.pihole;

import io.sensepulse.common.json.JsonTree;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether Pi-hole blocks: v6 {@code GET/POST /api/dns/blocking} answers
 * {@code {"blocking":"enabled"|"disabled"|"failed"|"unknown","timer":null|seconds,"took":...}};
 * v5's {@code api.php} answers {@code {"status":"enabled"|"disabled"}} (also inside summaryRaw).
 *
 * @param state one of {@link #STATES}, as Pi-hole says it
 * @param timerSeconds seconds until Pi-hole flips the state back by itself; empty when the state is permanent
 */
public record Blocking(String state, Optional<Long> timerSeconds) {
  public static final Set<String> STATES = Set.of("enabled", "disabled", "failed", "unknown");

  public Blocking {
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException("blocking state '" + state + "' is not one of " + STATES);
    }
  }

  public static Blocking fromV6(String body) {
    Map<String, Object> root = JsonTree.object(JsonTree.parse(body), "answer");
    String state = JsonTree.string(root, "blocking", "answer");
    Object timer = root.get("timer");
    if (timer == null) {
      return new Blocking(state, Optional.empty());
    }
    if (timer instanceof Number seconds && seconds.doubleValue() >= 0) {
      return new Blocking(state, Optional.of(Math.round(seconds.doubleValue())));
    }
    throw new IllegalArgumentException("answer.timer is not null or a number of seconds");
  }

  public static Blocking fromV5(String body) {
    return new Blocking(JsonTree.string(V5.object(body), "status", "answer"), Optional.empty());
  }
}

package io.sensepulse.sources.pihole;

import io.sensepulse.common.json.JsonTree;
import java.util.Map;
import java.util.Optional;

/**
 * The error body of Pi-hole v6: {@code {"error":{"key":"unauthorized","message":"Unauthorized","hint":null},"took":0.0}}.
 */
public final class ApiError {
  private ApiError() {}

  /** "unauthorized: Unauthorized (hint)", or empty when the body is not such an error. */
  public static Optional<String> describe(String body) {
    try {
      Map<String, Object> error = JsonTree.object(JsonTree.object(JsonTree.parse(body), "answer"), "error", "answer");
      String key = error.get("key") instanceof String text ? text : "error";
      String message = error.get("message") instanceof String text ? text : "";
      String hint = error.get("hint") instanceof String text && !text.isBlank() ? " (" + text + ")" : "";
      return Optional.of(key + (message.isEmpty() ? "" : ": " + message) + hint);
    } catch (IllegalArgumentException notAnError) {
      return Optional.empty();
    }
  }
}

package io.sensepulse.rig.coordinator;

import java.util.List;
import java.util.Map;

/**
 * What the coordinator needs from a recorder's status document ({@code {action: status}} on
 * {@code pulse.rig.<node>}). Fields a recorder leaves out are null. No Vert.x here.
 */
public record NodeStatus(
    String node,
    boolean recording,
    String state,
    String session,
    String resolution,
    Double fps,
    String codec,
    Double minutesLeft,
    Double freeBytes,
    Double clockOffsetMillis,
    String clockSource,
    List<String> warnings,
    List<String> errors,
    List<String> refusals) {

  public static final String IDLE = "idle";
  public static final String RECORDING = "recording";

  /** From the status document as a map; arrays may be any Iterable (a Vert.x JsonArray is one). */
  public static NodeStatus from(String node, Map<String, Object> status) {
    return new NodeStatus(
        node,
        Boolean.TRUE.equals(status.get("recording")),
        text(status.get("state")),
        text(status.get("session")),
        text(status.get("resolution")),
        number(status.get("fps")),
        text(status.get("codec")),
        number(status.get("minutes_left")),
        number(status.get("free_bytes")),
        number(status.get("clock_offset_ms")),
        text(status.get("clock_source")),
        texts(status.get("warnings")),
        texts(status.get("errors")),
        refusalMessages(status.get("refusals")));
  }

  /**
   * The messages of {@code refusals: [{reason, message}]}: what the node's guard rails would refuse
   * a start for now. An entry is a Map, or a JSON object seen as its entries.
   */
  private static List<String> refusalMessages(Object value) {
    if (!(value instanceof Iterable<?> items)) {
      return List.of();
    }
    List<String> messages = new java.util.ArrayList<>();
    for (Object item : items) {
      Object message = null;
      if (item instanceof Map<?, ?> map) {
        message = map.get("message");
      } else if (item instanceof Iterable<?> entries) {
        for (Object entry : entries) {
          if (entry instanceof Map.Entry<?, ?> field && "message".equals(field.getKey())) {
            message = field.getValue();
          }
        }
      }
      messages.add(message instanceof String text ? text : String.valueOf(item));
    }
    return List.copyOf(messages);
  }

  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }

  private static Double number(Object value) {
    return value instanceof Number number && Double.isFinite(number.doubleValue()) ? number.doubleValue() : null;
  }

  /** Strings kept; anything else in the list (an object) as its text. */
  private static List<String> texts(Object value) {
    if (!(value instanceof Iterable<?> items)) {
      return List.of();
    }
    List<String> texts = new java.util.ArrayList<>();
    items.forEach(item -> {
      if (item != null) {
        texts.add(item.toString());
      }
    });
    return List.copyOf(texts);
  }
}

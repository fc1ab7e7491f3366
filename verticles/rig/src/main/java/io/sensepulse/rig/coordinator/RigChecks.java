package io.sensepulse.rig.coordinator;

import io.sensepulse.rig.recorder.RecordingNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a node may start, and where the nodes disagree (what the rig page highlights). No Vert.x
 * here: tested on records alone.
 */
public final class RigChecks {
  private RigChecks() {}

  /** One node out of line with the rest, or missing. */
  public record Disagreement(String node, String kind, String message) {
    public static final String MISSING = "missing";
    public static final String SYNC = "sync";
    public static final String DISK = "disk";
    public static final String STATE = "state";
    public static final String SETTINGS = "settings";

    public Map<String, Object> fields() {
      return Map.of("node", node, "kind", kind, "message", message);
    }
  }

  /** Thresholds from the coordinator's settings. */
  public record Limits(double minMinutesLeft, double offsetToleranceMillis) {}

  /**
   * A session name as given, or the fallback when none was: checked here with the recorders' own
   * rule ({@link RecordingNames#requireSession}, it names their files), so a start every node
   * would refuse is never sent.
   */
  public static String sessionName(Object given, String fallback) {
    if (given == null || (given instanceof String text && text.isBlank())) {
      return fallback;
    }
    return RecordingNames.requireSession(given instanceof String text ? text.strip() : given);
  }

  /** Why this node cannot start a recording now, or empty when it can. */
  public static Optional<String> notReadyToStart(NodeStatus status, Limits limits) {
    if (!status.errors().isEmpty()) {
      return Optional.of("reports errors: " + String.join("; ", status.errors()));
    }
    if (status.recording() || NodeStatus.RECORDING.equals(status.state())) {
      return Optional.of("already recording" + (status.session() == null ? "" : " session " + status.session()));
    }
    if (!NodeStatus.IDLE.equals(status.state())) {
      return Optional.of("is " + (status.state() == null ? "in an unknown state" : status.state()) + ", not idle");
    }
    if (status.clockSource() == null || status.clockOffsetMillis() == null) {
      return Optional.of("has no clock offset to the master yet");
    }
    if (!status.refusals().isEmpty()) {
      return Optional.of("would refuse a start: " + String.join("; ", status.refusals()));
    }
    if (status.minutesLeft() != null && status.minutesLeft() < limits.minMinutesLeft()) {
      return Optional.of(String.format(java.util.Locale.ROOT, "has space for %.0f minutes only (at least %.0f needed)",
          status.minutesLeft(), limits.minMinutesLeft()));
    }
    return Optional.empty();
  }

  /**
   * Where nodes differ: an expected node absent or not answering, a clock far from the others' (or
   * not synchronised), far less recording time left than the others, a different recording state
   * or different capture settings than the majority.
   *
   * @param unreachable node to why it gave no status
   */
  public static List<Disagreement> disagreements(Collection<String> expected, Map<String, NodeStatus> statuses,
      Map<String, String> unreachable, Limits limits) {
    List<Disagreement> found = new ArrayList<>();
    for (String node : expected) {
      if (!statuses.containsKey(node) && !unreachable.containsKey(node)) {
        found.add(new Disagreement(node, Disagreement.MISSING, node + " is not on the cluster"));
      }
    }
    unreachable.forEach((node, why) -> found.add(new Disagreement(node, Disagreement.MISSING, node + ": " + why)));
    found.addAll(clockDisagreements(statuses.values(), limits));
    found.addAll(diskDisagreements(statuses.values()));
    found.addAll(minority(statuses.values(), Disagreement.STATE,
        status -> status.recording() ? "recording" : "not recording", "is %s while the others are %s"));
    found.addAll(minority(statuses.values(), Disagreement.SETTINGS,
        status -> status.resolution() + " " + formatFps(status.fps()) + " " + status.codec(), "captures %s, the others %s"));
    return found;
  }

  private static List<Disagreement> clockDisagreements(Collection<NodeStatus> statuses, Limits limits) {
    List<Disagreement> found = new ArrayList<>();
    List<Double> offsets = statuses.stream().map(NodeStatus::clockOffsetMillis).filter(Objects::nonNull).sorted().toList();
    for (NodeStatus status : statuses) {
      if (status.clockOffsetMillis() == null) {
        found.add(new Disagreement(status.node(), Disagreement.SYNC, status.node() + " has no clock offset to the master"));
      } else if (offsets.size() >= 2) {
        double median = median(offsets);
        double apart = Math.abs(status.clockOffsetMillis() - median);
        if (apart > limits.offsetToleranceMillis()) {
          found.add(new Disagreement(status.node(), Disagreement.SYNC, String.format(java.util.Locale.ROOT,
              "%s's clock is %.1f ms away from the others'", status.node(), apart)));
        }
      }
    }
    return found;
  }

  /** A node with less than half the recording time of the others' median runs out first. */
  private static List<Disagreement> diskDisagreements(Collection<NodeStatus> statuses) {
    List<Disagreement> found = new ArrayList<>();
    for (NodeStatus status : statuses) {
      List<Double> others = statuses.stream().filter(other -> other != status).map(NodeStatus::minutesLeft)
          .filter(Objects::nonNull).sorted().toList();
      if (status.minutesLeft() != null && !others.isEmpty() && status.minutesLeft() < median(others) / 2) {
        found.add(new Disagreement(status.node(), Disagreement.DISK, String.format(java.util.Locale.ROOT,
            "%s has %.0f minutes left, the others about %.0f", status.node(), status.minutesLeft(), median(others))));
      }
    }
    return found;
  }

  /** Nodes whose value is not the most common one (a tie has no majority: nothing is flagged). */
  private static List<Disagreement> minority(Collection<NodeStatus> statuses, String kind,
      Function<NodeStatus, String> value, String format) {
    Map<String, Long> counts = statuses.stream()
        .collect(Collectors.groupingBy(value, LinkedHashMap::new, Collectors.counting()));
    if (counts.size() < 2) {
      return List.of();
    }
    long top = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    List<String> majority = counts.entrySet().stream().filter(entry -> entry.getValue() == top).map(Map.Entry::getKey).toList();
    if (majority.size() != 1) {
      return List.of();
    }
    String usual = majority.get(0);
    List<Disagreement> found = new ArrayList<>();
    for (NodeStatus status : statuses) {
      String own = value.apply(status);
      if (!own.equals(usual)) {
        found.add(new Disagreement(status.node(), kind, status.node() + " " + String.format(format, own, usual)));
      }
    }
    return found;
  }

  private static String formatFps(Double fps) {
    return fps == null ? "?" : (fps == Math.rint(fps) ? String.valueOf(fps.intValue()) : fps.toString()) + " fps";
  }

  private static double median(List<Double> sorted) {
    int size = sorted.size();
    return size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
  }
}

package io.sensepulse.rig.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.rig.coordinator.RigChecks.Disagreement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RigChecksTest {
  private static final RigChecks.Limits LIMITS = new RigChecks.Limits(5, 50);
  private static final List<String> RIG = List.of("CAM_L", "CAM_C", "CAM_R");

  /** A healthy idle node as a recorder reports it. */
  private static Map<String, Object> idle(String node) {
    Map<String, Object> status = new HashMap<>();
    status.put("node", node);
    status.put("recording", false);
    status.put("state", "idle");
    status.put("resolution", "1920x1080");
    status.put("fps", 30);
    status.put("codec", "h264");
    status.put("minutes_left", 240.0);
    status.put("free_bytes", 64e9);
    status.put("clock_offset_ms", node.equals("CAM_C") ? 0.0 : 0.4);
    status.put("clock_source", node.equals("CAM_C") ? "self" : "chrony");
    status.put("warnings", List.of());
    status.put("errors", List.of());
    return status;
  }

  private static NodeStatus with(String node, String key, Object value) {
    Map<String, Object> status = idle(node);
    status.put(key, value);
    return NodeStatus.from(node, status);
  }

  private static Map<String, NodeStatus> rig(NodeStatus... changed) {
    Map<String, NodeStatus> statuses = new LinkedHashMap<>();
    RIG.forEach(node -> statuses.put(node, NodeStatus.from(node, idle(node))));
    for (NodeStatus status : changed) {
      statuses.put(status.node(), status);
    }
    return statuses;
  }

  @Test
  void anIdleSynchronisedNodeWithSpaceIsReady() {
    assertEquals(Optional.empty(), RigChecks.notReadyToStart(NodeStatus.from("CAM_L", idle("CAM_L")), LIMITS));
  }

  @Test
  void eachReasonNotToStartIsSaid() {
    assertEquals("reports errors: camera not found", RigChecks.notReadyToStart(
        with("CAM_L", "errors", List.of("camera not found")), LIMITS).orElseThrow());
    Map<String, Object> recording = idle("CAM_L");
    recording.put("recording", true);
    recording.put("state", "recording");
    recording.put("session", "match-1");
    assertEquals("already recording session match-1",
        RigChecks.notReadyToStart(NodeStatus.from("CAM_L", recording), LIMITS).orElseThrow());
    assertEquals("is stopping, not idle", RigChecks.notReadyToStart(with("CAM_L", "state", "stopping"), LIMITS).orElseThrow());
    assertEquals("is in an unknown state, not idle", RigChecks.notReadyToStart(with("CAM_L", "state", null), LIMITS).orElseThrow());
    assertEquals("has no clock offset to the master yet",
        RigChecks.notReadyToStart(with("CAM_L", "clock_source", null), LIMITS).orElseThrow());
    assertEquals("would refuse a start: clock offset 250.2 ms to CAM_C is above 50.0 ms; CPU temperature 81.0 C is at or above 80.0 C",
        RigChecks.notReadyToStart(with("CAM_L", "refusals", List.of(
            Map.of("reason", "clock_offset", "message", "clock offset 250.2 ms to CAM_C is above 50.0 ms"),
            Map.of("reason", "temperature_high", "message", "CPU temperature 81.0 C is at or above 80.0 C"))), LIMITS)
            .orElseThrow());
    assertEquals("has space for 3 minutes only (at least 5 needed)",
        RigChecks.notReadyToStart(with("CAM_L", "minutes_left", 3.2), LIMITS).orElseThrow());
  }

  @Test
  void aHealthyRigHasNoDisagreements() {
    assertEquals(List.of(), RigChecks.disagreements(RIG, rig(), Map.of(), LIMITS));
  }

  @Test
  void missingAndSilentNodesAreFlagged() {
    Map<String, NodeStatus> two = rig();
    two.remove("CAM_R");
    two.remove("CAM_L");
    List<Disagreement> found = RigChecks.disagreements(RIG, two, Map.of("CAM_L", "no answer within 3000 ms"), LIMITS);
    assertEquals(List.of(
        new Disagreement("CAM_R", Disagreement.MISSING, "CAM_R is not on the cluster"),
        new Disagreement("CAM_L", Disagreement.MISSING, "CAM_L: no answer within 3000 ms")), found);
  }

  @Test
  void aClockFarFromTheOthersOrUnknownIsFlagged() {
    List<Disagreement> far = RigChecks.disagreements(RIG, rig(with("CAM_R", "clock_offset_ms", 250.4)), Map.of(), LIMITS);
    assertEquals(1, far.size(), far.toString());
    assertEquals("CAM_R", far.get(0).node());
    assertEquals(Disagreement.SYNC, far.get(0).kind());
    assertTrue(far.get(0).message().contains("250.0 ms"), far.get(0).message());

    List<Disagreement> unknown = RigChecks.disagreements(RIG, rig(with("CAM_L", "clock_offset_ms", null)), Map.of(), LIMITS);
    assertEquals(List.of(new Disagreement("CAM_L", Disagreement.SYNC, "CAM_L has no clock offset to the master")), unknown);
  }

  @Test
  void aNodeRunningOutOfSpaceLongBeforeTheOthersIsFlagged() {
    List<Disagreement> found = RigChecks.disagreements(RIG, rig(with("CAM_C", "minutes_left", 50.0)), Map.of(), LIMITS);
    assertEquals(List.of(new Disagreement("CAM_C", Disagreement.DISK, "CAM_C has 50 minutes left, the others about 240")), found);
    // 150 of 240 is different, not alarming.
    assertEquals(List.of(), RigChecks.disagreements(RIG, rig(with("CAM_C", "minutes_left", 150.0)), Map.of(), LIMITS));
  }

  @Test
  void theOddOneOutInStateOrSettingsIsFlagged() {
    Map<String, Object> recording = idle("CAM_L");
    recording.put("recording", true);
    recording.put("state", "recording");
    List<Disagreement> state = RigChecks.disagreements(RIG, rig(NodeStatus.from("CAM_L", recording)), Map.of(), LIMITS);
    assertEquals(List.of(new Disagreement("CAM_L", Disagreement.STATE, "CAM_L is recording while the others are not recording")),
        state);

    List<Disagreement> settings = RigChecks.disagreements(RIG, rig(with("CAM_R", "fps", 25)), Map.of(), LIMITS);
    assertEquals(List.of(new Disagreement("CAM_R", Disagreement.SETTINGS,
        "CAM_R captures 1920x1080 25 fps h264, the others 1920x1080 30 fps h264")), settings);
  }

  @Test
  void sessionNamesAreCheckedAndDefaulted() {
    assertEquals("match-2024-05_final", RigChecks.sessionName(" match-2024-05_final ", "x"));
    assertEquals("fallback", RigChecks.sessionName(null, "fallback"));
    assertEquals("fallback", RigChecks.sessionName("  ", "fallback"));
    for (Object bad : List.of("../etc", ".hidden", "-rf", "_x", "a/b", "match.1", "x".repeat(41), 42, "naïve")) {
      assertThrows(IllegalArgumentException.class, () -> RigChecks.sessionName(bad, "x"), String.valueOf(bad));
    }
  }
}

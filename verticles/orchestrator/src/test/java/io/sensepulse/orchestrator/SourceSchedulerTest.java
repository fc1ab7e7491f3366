package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler alone, with a trigger whose runs end when the test says so. */
@ExtendWith(VertxExtension.class)
class SourceSchedulerTest {

  /** Records each trigger and hands out the promise that ends that run. */
  private static final class FakeTrigger implements SourceScheduler.Trigger<Void> {
    final List<String> calls = new ArrayList<>();
    final List<Promise<Void>> runs = new ArrayList<>();

    @Override
    public Future<Void> run(String sourceId, int intervalSeconds) {
      calls.add(sourceId + "@" + intervalSeconds);
      Promise<Void> run = Promise.promise();
      runs.add(run);
      return run.future();
    }
  }

  @Test
  void triggersNewSourcesAtOnceAndSkipsWhileInFlight(Vertx vertx, VertxTestContext test) {
    FakeTrigger trigger = new FakeTrigger();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> test.verify(() -> {
      SourceScheduler<Void> scheduler = new SourceScheduler<>(vertx, trigger, () -> {});
      scheduler.apply(Map.of("a", 3600, "b", 60));
      assertEquals(Set.of("a@3600", "b@60"), Set.copyOf(trigger.calls));
      assertEquals(Set.of("a", "b"), scheduler.running());

      scheduler.fire("a");
      scheduler.fire("a");
      assertEquals(2, trigger.calls.size(), "no second run of a source in flight");
      assertEquals(Map.of("a", 2L), scheduler.skipped());

      int aRun = trigger.calls.indexOf("a@3600");
      trigger.runs.get(aRun).complete();
      assertEquals(Set.of("b"), scheduler.running());
      scheduler.fire("a");
      assertEquals(3, trigger.calls.size(), "a runs again once its run ended");
      scheduler.stop();
      test.completeNow();
    }));
  }

  @Test
  void applyLeavesUnchangedSourcesAloneAndForgetsRemovedOnes(Vertx vertx, VertxTestContext test) {
    FakeTrigger trigger = new FakeTrigger();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> test.verify(() -> {
      SourceScheduler<Void> scheduler = new SourceScheduler<>(vertx, trigger, () -> {});
      scheduler.apply(Map.of("a", 3600, "b", 3600));
      trigger.runs.forEach(Promise::complete);
      trigger.calls.clear();

      scheduler.apply(Map.of("a", 3600, "b", 1800, "c", 3600));
      assertEquals(List.of("c@3600"), trigger.calls, "only the new source runs at once");
      assertEquals(Map.of("a", 3600, "b", 1800, "c", 3600), scheduler.scheduled());

      scheduler.apply(Map.of("c", 3600));
      scheduler.fire("a");
      assertEquals(List.of("c@3600"), trigger.calls, "a removed source is no longer triggered");
      assertEquals(Map.of("c", 3600), scheduler.scheduled());
      scheduler.stop();
      test.completeNow();
    }));
  }

  @Test
  void triggersAgainOnItsInterval(Vertx vertx, VertxTestContext test) {
    Checkpoint runs = test.checkpoint(3);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      SourceScheduler<Void> scheduler = new SourceScheduler<>(vertx, (id, seconds) -> {
        runs.flag();
        return Future.<Void>succeededFuture();
      }, () -> {});
      scheduler.apply(Map.of("a", 1));
    });
  }

  @Test
  void runNowJoinsARunInFlightAndRefusesUnscheduledSources(Vertx vertx, VertxTestContext test) {
    FakeTrigger trigger = new FakeTrigger();
    vertx.getOrCreateContext().runOnContext(v -> test.verify(() -> {
      SourceScheduler<Void> scheduler = new SourceScheduler<>(vertx, trigger, () -> {});
      scheduler.apply(Map.of("a", 3600));
      Future<Void> joined = scheduler.runNow("a");
      assertEquals(List.of("a@3600"), trigger.calls, "the start-up run is joined, not doubled");
      assertFalse(joined.isComplete());
      assertEquals("b is not scheduled; scheduled: [a]", scheduler.runNow("b").cause().getMessage());
      trigger.runs.get(0).complete();
      assertTrue(joined.succeeded(), "ends with the run it joined");
      Future<Void> now = scheduler.runNow("a");
      assertEquals(List.of("a@3600", "a@3600"), trigger.calls);
      assertFalse(now.isComplete(), "completes when the run ends");
      trigger.runs.get(1).complete();
      assertTrue(now.succeeded());
      assertEquals(Map.of(), scheduler.skipped(), "a joined trigger is not a skipped one");
      scheduler.stop();
      test.completeNow();
    }));
  }

  @Test
  void restartWaitsForTheRunInFlightThenRunsAtOnce(Vertx vertx, VertxTestContext test) {
    FakeTrigger trigger = new FakeTrigger();
    vertx.getOrCreateContext().runOnContext(v -> test.verify(() -> {
      SourceScheduler<Void> scheduler = new SourceScheduler<>(vertx, trigger, () -> {});
      scheduler.apply(Map.of("a", 3600));
      Future<Integer> restarted = scheduler.restart("a");
      assertFalse(restarted.isComplete(), "waits for the run in flight");
      assertEquals(1, trigger.calls.size());
      trigger.runs.get(0).complete();
      assertEquals(3600, restarted.result());
      assertEquals(List.of("a@3600", "a@3600"), trigger.calls, "runs again at once");
      assertEquals(Set.of("a"), scheduler.running());
      assertEquals("b is not scheduled; scheduled: [a]", scheduler.restart("b").cause().getMessage());
      scheduler.stop();
      test.completeNow();
    }));
  }
}

package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  private static final class FakeTrigger implements SourceScheduler.Trigger {
    final List<String> calls = new ArrayList<>();
    final List<Promise<Void>> runs = new ArrayList<>();

    @Override
    public Future<?> run(String sourceId, int intervalSeconds) {
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
      SourceScheduler scheduler = new SourceScheduler(vertx, trigger, () -> {});
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
      SourceScheduler scheduler = new SourceScheduler(vertx, trigger, () -> {});
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
      SourceScheduler scheduler = new SourceScheduler(vertx, (id, seconds) -> {
        runs.flag();
        return Future.succeededFuture();
      }, () -> {});
      scheduler.apply(Map.of("a", 1));
    });
  }
}

package io.sensepulse.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.node.NodeCapabilities;
import io.sensepulse.common.source.SourceCatalog;
import io.sensepulse.common.source.SourcePattern;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sources that need hardware run on the node that announced it; everything else stays home. */
@ExtendWith(VertxExtension.class)
class PlacementTest {
  private static final SourceCatalog.Entry BLE_SOURCE =
      new SourceCatalog.Entry("co2", "test.co2", SourcePattern.EPHEMERAL, NodeCapabilities.BLE);
  private static final SourceCatalog.Entry PLAIN = new SourceCatalog.Entry("plain", "test.plain", SourcePattern.EPHEMERAL);

  private static JsonObject node(String id, String... capabilities) {
    return new JsonObject().put("id", id).put(NodeCapabilities.CONFIG_KEY, new JsonArray(java.util.List.of(capabilities)));
  }

  private static void registry(Vertx vertx, JsonObject... nodes) {
    vertx.eventBus().consumer(Addresses.NODES_LIST, message -> message.reply(new JsonObject().put("nodes", new JsonArray(java.util.List.of((Object[]) nodes)))));
  }

  /** The placement's context: handlers registered on it later run after the placement's own. */
  private io.vertx.core.Context context;

  /** Starts a placement on its own context, as the orchestrator does. */
  private Future<Placement> started(Vertx vertx, String own) {
    Placement placement = new Placement(vertx, own);
    context = vertx.getOrCreateContext();
    return Future.future(done -> context.runOnContext(v -> placement.start().map(placement).onComplete(done)));
  }

  @Test
  void aBleSourceGoesToTheNodeWithTheAdapter(Vertx vertx, VertxTestContext test) {
    registry(vertx, node("hub"), node("kitchen", "ble"), node("attic", "ble"));
    started(vertx, "hub").onComplete(test.succeeding(placement -> test.verify(() -> {
      assertEquals("attic", placement.nodeFor(BLE_SOURCE), "the first capable node by id, so the choice is stable");
      assertEquals("hub", placement.nodeFor(PLAIN));
      test.completeNow();
    })));
  }

  @Test
  void theOwnNodeIsPreferredWhenItHasTheCapability(Vertx vertx, VertxTestContext test) {
    registry(vertx, node("attic", "ble"), node("hub", "ble", "sense_hat"));
    started(vertx, "hub").onComplete(test.succeeding(placement -> test.verify(() -> {
      assertEquals("hub", placement.nodeFor(BLE_SOURCE));
      test.completeNow();
    })));
  }

  @Test
  void withoutACapableNodeTheSourceRunsHomeAndSaysWhatIsMissing(Vertx vertx, VertxTestContext test) {
    registry(vertx, node("hub"));
    started(vertx, "hub").onComplete(test.succeeding(placement -> test.verify(() -> {
      assertEquals("hub", placement.nodeFor(BLE_SOURCE));
      test.completeNow();
    })));
  }

  @Test
  void followsTheRegistryWhenANodeArrivesAndLeaves(Vertx vertx, VertxTestContext test) {
    // No registry answers at first: placement starts anyway and learns from the changes.
    started(vertx, "hub").onComplete(test.succeeding(placement -> {
      var checkpoints = test.checkpoint(2);
      var seen = new java.util.concurrent.atomic.AtomicInteger();
      // Registered after the placement's own consumer, on the same context: it runs after it.
      context.runOnContext(v -> {
        var watcher = vertx.eventBus().<JsonObject>consumer(Addresses.NODES_CHANGED, changed -> test.verify(() -> {
          if (seen.incrementAndGet() == 1) {
            assertEquals("kitchen", placement.nodeFor(BLE_SOURCE));
            vertx.eventBus().publish(Addresses.NODES_CHANGED, new JsonObject().put("nodes", new JsonArray().add(node("hub"))));
          } else {
            assertEquals("hub", placement.nodeFor(BLE_SOURCE));
          }
          checkpoints.flag();
        }));
        watcher.completion().onSuccess(ready -> vertx.eventBus().publish(Addresses.NODES_CHANGED,
            new JsonObject().put("nodes", new JsonArray().add(node("hub")).add(node("kitchen", "ble")))));
      });
    }));
  }

  @Test
  void theRunnerDeploysAndUndeploysOnThePlacedNode(Vertx vertx, VertxTestContext test) {
    registry(vertx, node("hub"), node("kitchen", "ble"));
    var undeployed = test.checkpoint();
    vertx.eventBus().<JsonObject>consumer(Addresses.nodeDeploy("hub"), deploy -> test.failNow("deployed on the hub"));
    // The agent on the BLE node deploys but the run never ends: the timeout undeploys it there.
    vertx.eventBus().<JsonObject>consumer(Addresses.nodeDeploy("kitchen"),
        deploy -> deploy.reply(new JsonObject().put("deploymentId", "d-1")));
    vertx.eventBus().<JsonObject>consumer(Addresses.nodeUndeploy("kitchen"), undeploy -> test.verify(() -> {
      assertEquals("d-1", undeploy.body().getString("deploymentId"));
      undeploy.reply(new JsonObject().put("deploymentId", "d-1"));
      undeployed.flag();
    }));
    started(vertx, "hub").compose(placement -> {
      SourceRunner runner = new SourceRunner(vertx, placement::nodeFor, 1, (id, fields) -> Future.succeededFuture());
      return Future.<SourceRunner.Result>future(outcome -> context.runOnContext(v ->
          runner.start().compose(ready -> runner.run(BLE_SOURCE, 60)).onComplete(outcome)));
    }).onComplete(test.succeeding(result -> test.verify(() ->
        assertEquals(SourceRunner.Outcome.TIMED_OUT, result.outcome()))));
  }
}

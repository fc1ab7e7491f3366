package io.sensepulse.common.source;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.Reading;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EphemeralSourceVerticleTest {
  /** About one in a hundred instant polls used to end before Vert.x had registered the deployment. */
  private static final int RUNS = 300;

  public static final class Instant extends EphemeralSourceVerticle {
    @Override
    protected Source createSource(JsonObject config) {
      return new Source() {
        @Override
        public String id() {
          return "instant";
        }

        @Override
        public Future<List<Reading>> poll() {
          return Future.succeededFuture(List.of(Reading.of("value", 1, "")));
        }
      };
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aSourceWhosePollEndsAtOnceStillUndeploysItself(Vertx vertx, VertxTestContext test) {
    // A stand-in store: the runs only need their writes acknowledged.
    vertx.eventBus().consumer(Addresses.STORE_READINGS, message -> message.reply(new JsonObject()));
    vertx.eventBus().consumer(Addresses.STORE_STATUS, message -> message.reply(new JsonObject()));
    runOneAfterAnother(vertx, RUNS).onComplete(test.succeedingThenComplete());
  }

  /** Each run must be gone before the next is deployed; a run that stays deployed stalls the chain until the timeout. */
  private static Future<Void> runOneAfterAnother(Vertx vertx, int left) {
    Promise<Void> all = Promise.promise();
    next(vertx, left, all);
    return all.future();
  }

  private static void next(Vertx vertx, int left, Promise<Void> all) {
    if (left == 0) {
      all.complete();
      return;
    }
    vertx.deployVerticle(new Instant()).onFailure(all::fail).onSuccess(id -> {
      long check = vertx.setPeriodic(1, timer -> {
        if (!vertx.deploymentIDs().contains(id)) {
          vertx.cancelTimer(timer);
          next(vertx, left - 1, all);
        }
      });
    });
  }
}

package io.sensepulse.bench;

import io.sensepulse.common.Reading;
import io.sensepulse.common.source.EphemeralSourceVerticle;
import io.sensepulse.common.source.Source;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The "local fake" of {@link EphemeralCycle}: an ephemeral source whose poll answers at once with four readings. */
public class BenchSourceVerticle extends EphemeralSourceVerticle {
  public static final String ID = "bench";
  /** How many instances were stopped, i.e. really undeployed (read by EphemeralCycle after the loop). */
  public static final java.util.concurrent.atomic.AtomicInteger STOPPED = new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public Future<?> stop() throws Exception {
    STOPPED.incrementAndGet();
    return super.stop();
  }

  @Override
  protected Source createSource(JsonObject config) {
    return new Source() {
      @Override
      public String id() {
        return ID;
      }

      @Override
      public Future<List<Reading>> poll() {
        double now = System.currentTimeMillis() / 1000.0;
        return Future.succeededFuture(List.of(
            new Reading("cpu_percent", 12.5, "%", now),
            new Reading("memory_percent", 41.0, "%", now),
            new Reading("load_1m", 0.42, "", now),
            new Reading("uptime", 12345, "s", now)));
      }
    };
  }
}

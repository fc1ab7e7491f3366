package io.sensepulse.orchestrator;

import io.sensepulse.common.Reading;
import io.sensepulse.common.source.EphemeralSourceVerticle;
import io.sensepulse.common.source.Source;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * Ephemeral source verticles for the tests, registered in the node agent's {@code catalog}. Each
 * publishes {@code {source, deploymentId}} on {@link #STARTED} and {@link #STOPPED}, so tests can
 * count deployments and see undeployments without timing.
 */
public final class TestSources {
  private TestSources() {}

  static final String STARTED = "test.source.started";
  static final String STOPPED = "test.source.stopped";

  /** Polls at once with one reading. */
  public static final class Quick extends Base {
    public Quick() {
      super("quick", vertx -> Future.succeededFuture(List.of(Reading.of("value", 1, "u"))));
    }
  }

  /** Another quick source, under a second id. */
  public static final class Second extends Base {
    public Second() {
      super("second", vertx -> Future.succeededFuture(List.of(Reading.of("value", 2, "u"))));
    }
  }

  /** Its poll takes half a second. */
  public static final class Slow extends Base {
    public Slow() {
      super("slow", vertx -> Future.future(done -> vertx.setTimer(500, t -> done.complete(List.of(Reading.of("value", 3, "u"))))));
    }
  }

  /** Its poll never completes. */
  public static final class Hanging extends Base {
    public Hanging() {
      super("hanging", vertx -> Promise.<List<Reading>>promise().future());
    }
  }

  /** Its poll fails. */
  public static final class Failing extends Base {
    public Failing() {
      super("failing", vertx -> Future.failedFuture("sensor unplugged"));
    }
  }

  /** Node agent {@code catalog} entries: catalogue name to class. */
  static JsonObject catalog() {
    return new JsonObject()
        .put("test.quick", Quick.class.getName())
        .put("test.second", Second.class.getName())
        .put("test.hanging", Hanging.class.getName())
        .put("test.failing", Failing.class.getName())
        .put("test.slow", Slow.class.getName());
  }

  /** Orchestrator {@code sources} entries for the catalogue above, plus one the agent does not know. */
  static JsonArray sources() {
    return new JsonArray()
        .add(entry("quick", "test.quick"))
        .add(entry("second", "test.second"))
        .add(entry("hanging", "test.hanging"))
        .add(entry("failing", "test.failing"))
        .add(entry("slow", "test.slow"))
        .add(entry("missing", "test.missing"));
  }

  private static JsonObject entry(String id, String verticle) {
    return new JsonObject().put("id", id).put("verticle", verticle);
  }

  abstract static class Base extends EphemeralSourceVerticle {
    private final String id;
    private final Function<Vertx, Future<List<Reading>>> poll;

    Base(String id, Function<Vertx, Future<List<Reading>>> poll) {
      this.id = id;
      this.poll = poll;
    }

    @Override
    protected Source createSource(JsonObject config) {
      return new Source() {
        @Override
        public String id() {
          return id;
        }

        @Override
        public Future<List<Reading>> poll() {
          return poll.apply(vertx);
        }
      };
    }

    @Override
    public Future<?> start() {
      vertx.eventBus().publish(STARTED, event());
      return super.start();
    }

    @Override
    public Future<?> stop() {
      vertx.eventBus().publish(STOPPED, event());
      return Future.succeededFuture();
    }

    private JsonObject event() {
      return new JsonObject().put("source", id).put("deploymentId", deploymentID()).put("run", config().getString("run"))
          .put("section", config().getJsonObject(id));
    }
  }
}

package io.sensepulse.launcher.testing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;

/** Answers on {@code test.echo.<node_id>} with its node id and JVM pid: proof of where it runs. */
public class EchoVerticle extends VerticleBase {
  @Override
  public Future<?> start() {
    String nodeId = config().getString("node_id");
    return vertx.eventBus().consumer("test.echo." + nodeId, message -> message.reply(new JsonObject()
        .put("node", nodeId)
        .put("pid", ManagementFactory.getRuntimeMXBean().getPid()))).completion();
  }
}

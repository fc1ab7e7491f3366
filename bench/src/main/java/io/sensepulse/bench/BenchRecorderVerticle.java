package io.sensepulse.bench;

import io.sensepulse.common.Addresses;
import io.sensepulse.rig.RigClock;
import io.sensepulse.rig.sync.SyncSettings;
import io.sensepulse.rig.sync.SyncVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The recorder's bus interface with a timer for a camera: its "first frame" is the moment the
 * timer set for the start instant (converted to this node's clock) fires, published on
 * {@code status.rig} as {@code first_frame_at} on CAM_C's clock. Stands in until the real recorder
 * is merged; it then runs with its {@code test} capture source instead.
 */
public class BenchRecorderVerticle extends VerticleBase {
  private String node;
  private RigClock clock;
  private String state = "idle";
  private long timer = -1;

  @Override
  public Future<?> start() {
    node = config().getString("node_id");
    clock = RigClock.system(SyncSettings.clockSkew(config()));
    return vertx.eventBus().<JsonObject>consumer(Addresses.rigNode(node), this::handle).completion();
  }

  private void handle(Message<JsonObject> message) {
    JsonObject request = message.body();
    switch (request.getString("action", "")) {
      case "status" -> message.reply(status());
      case "start" -> {
        double offset = offset().getDouble("offset_ms", 0.0);
        double localStart = RigClock.masterToLocal(request.getLong("start_at"), offset);
        String session = request.getString("session");
        state = "armed";
        timer = vertx.setTimer(Math.max(1, Math.round(localStart - clock.nowMillis())), id -> {
          state = "recording";
          vertx.eventBus().publish(Addresses.RIG_STATUS, status().put("session", session)
              .put("first_frame_at", clock.nowMillis() - offset));
        });
        message.reply(new JsonObject().put("status", "ok").put("data", new JsonObject()));
      }
      case "stop" -> {
        vertx.cancelTimer(timer);
        state = "idle";
        message.reply(new JsonObject().put("status", "ok").put("data", new JsonObject()));
      }
      default -> message.reply(new JsonObject().put("status", "error").put("error", "not in the bench"));
    }
  }

  private JsonObject offset() {
    Object entry = vertx.sharedData().getLocalMap(SyncVerticle.CLOCK_MAP).get(SyncVerticle.OFFSET_KEY);
    return entry instanceof JsonObject known ? known : new JsonObject();
  }

  private JsonObject status() {
    JsonObject offset = offset();
    return new JsonObject().put("node", node).put("recording", "recording".equals(state)).put("state", state)
        .put("clock_offset_ms", offset.getValue("offset_ms")).put("clock_source", offset.getString("source"))
        .put("warnings", new JsonArray()).put("errors", new JsonArray());
  }
}

package io.sensepulse.launcher.testing;

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
 * Stands in for the recorder on {@code pulse.rig.<node>} until the real one is merged: answers
 * status, start and stop as the recorder's bus interface says, "captures" its first frame when a
 * timer fires at the start instant converted to this node's clock, and publishes its status on
 * {@code status.rig} every second. {@code first_frame_at} in the status is that moment on CAM_C's
 * clock, so the tests compare nodes' start times.
 */
public class FakeRecorderVerticle extends VerticleBase {
  private String node;
  private RigClock clock;
  private String state = "idle";
  private String session;
  private Double firstFrameAt;
  private long timer = -1;

  @Override
  public Future<?> start() {
    node = config().getString("node_id");
    clock = RigClock.system(SyncSettings.clockSkew(config()));
    vertx.setPeriodic(1000, id -> vertx.eventBus().publish(Addresses.RIG_STATUS, status()));
    return vertx.eventBus().<JsonObject>consumer(Addresses.rigNode(node), this::handle).completion();
  }

  private void handle(Message<JsonObject> message) {
    JsonObject request = message.body();
    switch (request.getString("action", "")) {
      case "status" -> message.reply(status());
      case "start" -> {
        if (!"idle".equals(state)) {
          message.reply(error("not idle but " + state));
          return;
        }
        double localStart = RigClock.masterToLocal(request.getLong("start_at"), offset().getDouble("offset_ms", 0.0));
        session = request.getString("session");
        state = "armed";
        timer = vertx.setTimer(Math.max(1, Math.round(localStart - clock.nowMillis())), id -> {
          state = "recording";
          firstFrameAt = clock.nowMillis() - offset().getDouble("offset_ms", 0.0);
          vertx.eventBus().publish(Addresses.RIG_STATUS, status());
        });
        message.reply(new JsonObject().put("status", "ok").put("data", new JsonObject().put("session", session)));
      }
      case "stop" -> {
        vertx.cancelTimer(timer);
        state = "idle";
        message.reply(new JsonObject().put("status", "ok").put("data", new JsonObject().put("session", session)));
        vertx.eventBus().publish(Addresses.RIG_STATUS, status());
      }
      case "selftest", "lockview", "beep" -> message.reply(new JsonObject().put("status", "ok").put("data", new JsonObject()));
      default -> message.reply(error("unknown action"));
    }
  }

  private JsonObject offset() {
    Object entry = vertx.sharedData().getLocalMap(SyncVerticle.CLOCK_MAP).get(SyncVerticle.OFFSET_KEY);
    return entry instanceof JsonObject known ? known : new JsonObject();
  }

  private JsonObject status() {
    JsonObject offset = offset();
    return new JsonObject().put("node", node).put("recording", "recording".equals(state)).put("state", state)
        .put("session", session).put("resolution", "320x180").put("fps", 30).put("codec", "h264").put("bitrate", 400_000)
        .put("dropped_frames", 0).put("free_bytes", 32_000_000_000L).put("minutes_left", 600.0)
        .put("battery", null).put("temperature", 48.5)
        .put("clock_offset_ms", offset.getValue("offset_ms")).put("clock_source", offset.getString("source"))
        .put("warnings", new JsonArray()).put("errors", new JsonArray()).put("last_snapshot", null)
        .put("capture", "fake").put("first_frame_at", firstFrameAt);
  }

  private static JsonObject error(String why) {
    return new JsonObject().put("status", "error").put("error", why);
  }
}

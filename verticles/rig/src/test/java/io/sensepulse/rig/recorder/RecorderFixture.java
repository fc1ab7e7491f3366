package io.sensepulse.rig.recorder;

import io.sensepulse.common.Addresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/** A recorder node on the test source: 320x180 at 15 fps, 2 s segments, a fake /sys and /proc. */
public final class RecorderFixture {
  private RecorderFixture() {}

  public static final String NODE = "CAM_L";

  public static JsonObject config(Path root) throws java.io.IOException {
    Path data = Files.createDirectories(root.resolve("data"));
    Path sys = Files.createDirectories(root.resolve("sys"));
    Path proc = Files.createDirectories(root.resolve("proc"));
    return new JsonObject().put("node_id", NODE).put("data_dir", data.toString()).put("sys_root", sys.toString())
        .put("proc_root", proc.toString()).put("http_port", 0).put("version", "test")
        .put("capture", "test").put("codec", "h264").put("resolution", "320x180").put("fps", 15)
        .put("bitrate_mbps", 0.3).put("segment_seconds", 2).put("min_free_minutes", 1).put("selftest_seconds", 2);
  }

  public static Future<String> deploy(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new RecorderVerticle(), new DeploymentOptions().setConfig(config));
  }

  /** The recorder's reply to one request: {@code {status: ok, data}} or {@code {status: error, code, error}}. */
  public static Future<JsonObject> ask(Vertx vertx, String node, JsonObject request) {
    return vertx.eventBus().<JsonObject>request(Addresses.rigNode(node), request).map(reply -> reply.body());
  }

  /** The first published status that matches (one comes every two seconds and on every change). */
  public static Future<JsonObject> statusWhere(Vertx vertx, Predicate<JsonObject> condition) {
    Promise<JsonObject> found = Promise.promise();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.RIG_STATUS, message -> {
      if (condition.test(message.body())) {
        found.tryComplete(message.body());
      }
    });
    return consumer.completion().compose(registered -> found.future()).eventually(consumer::unregister);
  }

  public static Path recordings(JsonObject config) {
    return Path.of(config.getString("data_dir")).resolve("recordings");
  }
}

package io.sensepulse.orchestrator;

import io.sensepulse.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stands in for the camera streamer, answering its commands the way the real one does. It
 * publishes {@code {camera, deploymentId, pid}} on {@link #STARTED} and {@code {camera}} on
 * {@link #STOP_ASKED}. A camera entry with {@code "test_leak": true} runs a real ffmpeg writing into
 * the camera's HLS folder, and its {@code crash} action publishes {@code stream.ended} with neither
 * ffmpeg nor the verticle ended, as a streamer that died half-way would.
 */
public final class FakeStreamer extends VerticleBase {
  static final String STARTED = "test.streamer.started";
  static final String STOP_ASKED = "test.streamer.stop-asked";

  private String camera;
  private Process ffmpeg;

  @Override
  public Future<?> start() {
    JsonObject entry = config().getJsonObject("camera");
    camera = entry.getString("id");
    Future<Long> pid = entry.getBoolean("test_leak", false)
        ? vertx.executeBlocking(() -> startFfmpeg(Path.of(config().getString("hls_dir")).resolve(camera)))
        : Future.succeededFuture(-1L);
    return pid
        .compose(started -> vertx.eventBus().consumer(Addresses.cmdCamera(camera), this::command).completion().map(started))
        .onSuccess(started -> vertx.eventBus().publish(STARTED,
            new JsonObject().put("camera", camera).put("deploymentId", deploymentID()).put("pid", started)));
  }

  private Long startFfmpeg(Path dir) throws Exception {
    Files.createDirectories(dir);
    ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi",
        "-i", "testsrc=size=32x24:rate=2", "-f", "hls", "-hls_time", "1", dir.resolve("index.m3u8").toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return ffmpeg.pid();
  }

  private void command(Message<Object> message) {
    String action = ((JsonObject) message.body()).getString("action");
    switch (action) {
      case "stop" -> {
        vertx.eventBus().publish(STOP_ASKED, new JsonObject().put("camera", camera));
        message.reply(new JsonObject().put("status", "ok").put("data", new JsonObject().put("state", "stopped")));
        vertx.eventBus().publish(Addresses.STREAM_ENDED, new JsonObject().put("camera", camera).put("reason", "user_stopped"));
        vertx.undeploy(deploymentID());
      }
      case "crash" -> {
        message.reply(new JsonObject().put("status", "ok"));
        vertx.eventBus().publish(Addresses.STREAM_ENDED, new JsonObject().put("camera", camera).put("reason", "error")
            .put("error", "ffmpeg exited with 1"));
      }
      default -> message.reply(new JsonObject().put("status", "error").put("error", "unknown action '" + action + "'"));
    }
  }
}

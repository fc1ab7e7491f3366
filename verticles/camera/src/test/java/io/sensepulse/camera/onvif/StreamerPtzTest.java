package io.sensepulse.camera.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.camera.CameraStreamerVerticle;
import io.sensepulse.common.Addresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** A streamer's ptz_move reaches the camera as ONVIF, with the streamer's 0.1-1 step as movement time. */
@ExtendWith(VertxExtension.class)
class StreamerPtzTest {
  private static final String PASSWORD = "Pa55-w0rd!";

  @TempDir Path dataDir;

  @Test
  void ptzMoveOnTheBusMovesTheCameraOverOnvif(Vertx vertx, VertxTestContext test) {
    FakeOnvifCamera camera = new FakeOnvifCamera(PASSWORD, Duration.ZERO, "hikvision");
    camera.start(vertx).compose(started -> {
      JsonObject config = new JsonObject()
          .put("node_id", "test-node")
          .put("data_dir", dataDir.toString())
          // Nothing answers RTSP here: the streamer keeps reconnecting, and still takes commands.
          .put("camera", new JsonObject().put("id", "ptzcam").put("rtsp_url", "rtsp://127.0.0.1:9/none")
              .put("onvif", new JsonObject().put("host", "127.0.0.1").put("port", camera.port())
                  .put("username", FakeOnvifCamera.USERNAME).put("password", PASSWORD)))
          .put("max_reconnects", 100)
          .put("reconnect_base_ms", 1000);
      return vertx.deployVerticle(new CameraStreamerVerticle(), new DeploymentOptions().setConfig(config));
    }).compose(deployed -> vertx.eventBus().<JsonObject>request(Addresses.cmdCamera("ptzcam"),
            new JsonObject().put("action", "ptz_move").put("direction", "right").put("step", 0.2)))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertEquals("ok", reply.body().getString("status"), reply.body().encode());
          FakeOnvifCamera.Received move = camera.only("ContinuousMove");
          Element velocity = SafeXml.firstDescendant(move.operationElement(), "Velocity").orElseThrow();
          Element pan = SafeXml.child(velocity, "PanTilt").orElseThrow();
          assertEquals(0.5, Double.parseDouble(pan.getAttribute("x")));
          FakeOnvifCamera.Received stop = camera.only("Stop");
          assertTrue(stop.nanoTime() - move.nanoTime() >= TimeUnit.MILLISECONDS.toNanos(200),
              "step 0.2 moves for 200 ms before Stop");
          test.completeNow();
        })));
  }
}

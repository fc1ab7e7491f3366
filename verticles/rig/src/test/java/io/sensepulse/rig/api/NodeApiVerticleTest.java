package io.sensepulse.rig.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.rig.recorder.RecorderFixture;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The node's REST API over real HTTP, in front of a real recorder on the test source. */
@ExtendWith(VertxExtension.class)
class NodeApiVerticleTest {
  @TempDir Path dir;

  private record Node(WebClient client, JsonObject config) {}

  private Future<Node> deploy(Vertx vertx) throws Exception {
    JsonObject config = RecorderFixture.config(dir);
    NodeApiVerticle api = new NodeApiVerticle();
    return RecorderFixture.deploy(vertx, config)
        .compose(id -> vertx.deployVerticle(api, new DeploymentOptions().setConfig(config)))
        .map(id -> new Node(WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
            .setDefaultPort(api.port())), config));
  }

  private static Future<HttpResponse<Buffer>> post(WebClient client, String path, String body) {
    return client.post(NodeApiVerticle.PREFIX + path).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body));
  }

  private static Future<HttpResponse<Buffer>> get(WebClient client, String path) {
    return client.get(NodeApiVerticle.PREFIX + path).send();
  }

  @Test
  void aRecordingThroughTheApi(Vertx vertx, VertxTestContext test) throws Exception {
    deploy(vertx).compose(node -> {
      WebClient client = node.client();
      Path recordings = RecorderFixture.recordings(node.config());
      return get(client, "/status")
          .compose(status -> {
            test.verify(() -> {
              assertEquals(200, status.statusCode());
              JsonObject body = status.bodyAsJsonObject();
              assertEquals("CAM_L", body.getString("node"));
              assertEquals("idle", body.getString("state"));
              assertEquals("test", body.getString("capture"));
            });
            return get(client, "/lockview/latest.jpg");
          })
          .compose(noSnapshot -> {
            test.verify(() -> assertEquals(404, noSnapshot.statusCode()));
            return post(client, "/record/start", "{\"session\": \"API1\"}");
          })
          .compose(started -> {
            test.verify(() -> assertEquals(200, started.statusCode(), started.bodyAsString()));
            return post(client, "/record/start", "{\"session\": \"API2\"}");
          })
          .compose(busy -> {
            test.verify(() -> {
              assertEquals(409, busy.statusCode());
              assertEquals("already recording session API1", busy.bodyAsJsonObject().getString("error"));
            });
            return RecorderFixture.statusWhere(vertx, status -> status.getInteger("segments") >= 1);
          })
          .compose(recording -> post(client, "/lockview", ""))
          .compose(lockView -> {
            test.verify(() -> assertEquals(200, lockView.statusCode(), lockView.bodyAsString()));
            return get(client, "/lockview/latest.jpg");
          })
          .compose(jpeg -> {
            test.verify(() -> {
              assertEquals(200, jpeg.statusCode());
              assertEquals("image/jpeg", jpeg.getHeader("Content-Type"));
              assertEquals((byte) 0xFF, jpeg.body().getByte(0));
              assertEquals((byte) 0xD8, jpeg.body().getByte(1));
            });
            return post(client, "/record/stop", "");
          })
          .compose(stopped -> {
            test.verify(() -> {
              assertEquals(200, stopped.statusCode());
              assertEquals(true, stopped.bodyAsJsonObject().getBoolean("complete"));
            });
            return get(client, "/recordings");
          })
          .compose(listed -> {
            test.verify(() -> {
              assertEquals(200, listed.statusCode());
              JsonObject manifest = listed.bodyAsJsonObject().getJsonArray("recordings").getJsonObject(0);
              assertEquals("API1", manifest.getString("session"));
              assertEquals(true, manifest.getBoolean("complete"));
              assertTrue(Files.exists(recordings.resolve(manifest.getString("lock_view"))));
            });
            return post(client, "/record/stop", "");
          });
    }).onComplete(test.succeeding(notRecording -> test.verify(() -> {
      assertEquals(409, notRecording.statusCode());
      assertEquals("not recording", notRecording.bodyAsJsonObject().getString("error"));
      test.completeNow();
    })));
  }

  @Test
  void badBodiesAreRefusedBeforeTheRecorderSeesThem(Vertx vertx, VertxTestContext test) throws Exception {
    deploy(vertx).compose(node -> Future.all(List.of(
            post(node.client(), "/record/start", "{\"session\": "),
            post(node.client(), "/record/start", "[1, 2]"),
            post(node.client(), "/record/start", "{\"session\": \"S1\", \"camera\": \"CAM_R\"}"),
            post(node.client(), "/record/start", "{\"session\": \"../etc\"}"),
            post(node.client(), "/selftest", "{\"seconds\": 5}"),
            post(node.client(), "/config", "{\"fps\": 25}"),
            post(node.client(), "/config", "{\"version\": 1}"),
            get(node.client(), "/nothing-here"))))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          List<HttpResponse<Buffer>> responses = all.list();
          List<String> errors = responses.stream().map(response -> response.bodyAsJsonObject().getString("error")).toList();
          assertEquals(List.of(400, 400, 400, 400, 400, 400, 400, 404), responses.stream().map(HttpResponse::statusCode).toList(), errors.toString());
          assertEquals("body is not valid JSON", errors.get(0));
          assertEquals("body must be a JSON object", errors.get(1));
          assertEquals("unknown field 'camera'; allowed: session, start_at", errors.get(2));
          assertEquals("session must be 1-40 of A-Z, a-z, 0-9, _ and -, starting with a letter or digit", errors.get(3));
          assertEquals("unknown field 'seconds'; this endpoint takes no body", errors.get(4));
          assertEquals("unknown field 'fps'; allowed: settings, version", errors.get(5));
          assertEquals("body must be {\"settings\": {...}, \"version\": n (optional)}", errors.get(6));
          test.completeNow();
        })));
  }

  @Test
  void configIsValidatedVersionedAndKeptInAFile(Vertx vertx, VertxTestContext test) throws Exception {
    deploy(vertx).compose(node -> {
      WebClient client = node.client();
      Path file = Path.of(node.config().getString("data_dir")).resolve("recorder-config.json");
      return get(client, "/config")
          .compose(initial -> {
            test.verify(() -> {
              assertEquals(0, initial.bodyAsJsonObject().getInteger("version"));
              assertEquals(2, initial.bodyAsJsonObject().getJsonObject("settings").getInteger("segment_seconds"));
            });
            return post(client, "/config", "{\"settings\": {\"fps\": 500, \"colour\": \"blue\", \"codec\": \"h264\"}}");
          })
          .compose(invalid -> {
            test.verify(() -> {
              assertEquals(400, invalid.statusCode());
              JsonObject fields = invalid.bodyAsJsonObject().getJsonObject("fields");
              assertEquals("fps must be between 1 and 120, got 500", fields.getString("fps"));
              assertTrue(fields.getString("colour").startsWith("unknown setting"));
              assertFalse(fields.containsKey("codec"));
              assertFalse(Files.exists(file), "nothing written");
            });
            return post(client, "/config", "{\"settings\": {\"segment_seconds\": 3, \"position\": \"left-wing\"}, \"version\": 0}");
          })
          .compose(written -> {
            test.verify(() -> {
              assertEquals(200, written.statusCode(), written.bodyAsString());
              assertEquals(1, written.bodyAsJsonObject().getInteger("version"));
              JsonObject stored = new JsonObject(Files.readString(file));
              assertEquals(1, stored.getInteger("version"));
              assertEquals(new JsonObject().put("segment_seconds", 3).put("position", "left-wing"), stored.getJsonObject("settings"));
            });
            return post(client, "/config", "{\"settings\": {\"fps\": 25}, \"version\": 0}");
          })
          .compose(stale -> {
            test.verify(() -> {
              assertEquals(409, stale.statusCode());
              assertEquals("config changed meanwhile: version is 1, not 0", stale.bodyAsJsonObject().getString("error"));
            });
            return get(client, "/config");
          })
          .compose(current -> {
            test.verify(() -> {
              JsonObject settings = current.bodyAsJsonObject().getJsonObject("settings");
              assertEquals(3, settings.getInteger("segment_seconds"));
              assertEquals("left-wing", settings.getString("position"));
              assertEquals(15, settings.getInteger("fps"), "the node's own config still applies below the file");
            });
            return post(client, "/selftest", "");
          });
    }).onComplete(test.succeeding(selfTest -> test.verify(() -> {
      assertEquals(200, selfTest.statusCode());
      JsonObject result = selfTest.bodyAsJsonObject();
      assertEquals("pass", result.getString("result"), result.encode());
      assertEquals("libx264", result.getString("encoder"));
      assertTrue(result.getJsonArray("errors").isEmpty());
      assertTrue(result.getDouble("seconds") >= 2, result.encode());
      try (var left = Files.list(dir.resolve("data"))) {
        assertEquals(List.of("recorder-config.json"), left.map(path -> path.getFileName().toString()).toList(),
            "the self-test leaves nothing behind");
      }
      test.completeNow();
    })));
  }
}

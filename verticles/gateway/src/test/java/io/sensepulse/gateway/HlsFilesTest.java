package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.store.Store;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code /hls/}: a real gateway serving a folder laid out as ffmpeg's HLS muxer leaves it, plus traps. */
@ExtendWith(VertxExtension.class)
// Future.await() has no limit of its own: a lost message fails the test instead of hanging the build.
@org.junit.jupiter.api.Timeout(60)
class HlsFilesTest {
  private static final String SECRET = "SECRET-OUTSIDE-THE-HLS-FOLDER";
  private static final String PLAYLIST = "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nindex0.ts\n";

  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  @TempDir
  Path base;

  private HttpClient http;
  private int port;

  private record Answer(int status, MultiMap headers, String body) {}

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    Path hls = Files.createDirectories(base.resolve("hls"));
    Path yard = Files.createDirectories(hls.resolve("yard"));
    Files.writeString(yard.resolve("index.m3u8"), PLAYLIST);
    Files.writeString(yard.resolve("index0.ts"), "ts-bytes");
    Files.writeString(yard.resolve("init.mp4"), "init-bytes");
    Files.writeString(yard.resolve("index1.m4s"), "m4s-bytes");
    Files.writeString(base.resolve("secret.ts"), SECRET);
    Path outside = Files.createDirectories(base.resolve("outside"));
    Files.writeString(outside.resolve("index.m3u8"), SECRET);
    Files.createSymbolicLink(yard.resolve("leak.ts"), base.resolve("secret.ts"));
    Files.createSymbolicLink(hls.resolve("porch"), outside);
    TestGateway gateway = TestGateway.deploy(vertx, redis, new JsonObject().put(GatewayVerticle.HLS_DIR, hls.toString())).await();
    port = gateway.port();
    http = vertx.createHttpClient();
  }

  /** The path goes out exactly as written: no client-side normalising or encoding. */
  private Answer get(String rawPath) {
    return http.request(HttpMethod.GET, port, "localhost", rawPath)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), response.headers(), body.toString())))
        .await();
  }

  @Test
  void playlistsAndSegmentsHaveTheirContentTypesAndAreNotCached() {
    Answer playlist = get("/hls/yard/index.m3u8");
    assertEquals(200, playlist.status());
    assertEquals(PLAYLIST, playlist.body());
    assertEquals("application/vnd.apple.mpegurl", playlist.headers().get("Content-Type"));
    assertEquals("no-cache", playlist.headers().get("Cache-Control"));
    List<List<String>> media = List.of(List.of("index0.ts", "video/mp2t", "ts-bytes"),
        List.of("init.mp4", "video/mp4", "init-bytes"), List.of("index1.m4s", "video/mp4", "m4s-bytes"));
    for (List<String> file : media) {
      Answer answer = get("/hls/yard/" + file.get(0));
      assertEquals(200, answer.status(), file.get(0));
      assertEquals(file.get(1), answer.headers().get("Content-Type"), file.get(0));
      assertEquals(file.get(2), answer.body());
      assertEquals("no-cache", answer.headers().get("Cache-Control"), file.get(0));
    }
  }

  @Test
  void missingFilesAndCamerasAre404() {
    for (String path : List.of("/hls/yard/index7.ts", "/hls/nocam/index.m3u8", "/hls/yard/notes.txt")) {
      Answer answer = get(path);
      assertEquals(404, answer.status(), path);
      assertEquals("application/json", answer.headers().get("Content-Type"), path);
    }
  }

  @Test
  void nothingOutsideACameraFolderIsReachable() {
    List<String> attempts = List.of("/hls/yard/../../secret.ts", "/hls/yard/../../outside/index.m3u8",
        "/hls/yard/%2e%2e/%2e%2e/secret.ts", "/hls/yard/..%2f..%2fsecret.ts", "/hls/yard/%2E%2E%2F%2E%2E%2Fsecret.ts",
        "/hls/..%2fsecret.ts", "/hls//" + base.resolve("secret.ts"), "/hls/yard/" + base.resolve("secret.ts"),
        "/hls/yard/%2F" + base.resolve("secret.ts").toString().substring(1).replace("/", "%2F"),
        "/hls/yard/leak.ts", "/hls/porch/index.m3u8", "/hls/Bad.Id/index.m3u8");
    for (String path : attempts) {
      Answer answer = get(path);
      assertTrue(answer.status() == 400 || answer.status() == 404, path + " answered " + answer.status());
      assertFalse(answer.body().contains(SECRET), path + " leaked the file");
    }
    assertEquals(404, get("/hls/yard/leak.ts").status(), "a link inside the folder to a file outside");
    assertEquals(404, get("/hls/porch/index.m3u8").status(), "a camera folder that links outside");
    assertEquals(400, get("/hls/yard/..%2fsecret.ts").status());
    assertEquals(400, get("/hls/Bad.Id/index.m3u8").status());
  }

  @Test
  void aPlaylistFetchCountsAsAViewerAtOnce(Vertx vertx) {
    Promise<JsonObject> watched = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.CAMERA_VIEWERS, message -> watched.tryComplete(message.body()))
        .completion().await();
    assertEquals(200, get("/hls/yard/index.m3u8").status());
    JsonObject viewers = watched.future().await();
    assertEquals("yard", viewers.getString("camera"));
    assertEquals(1, viewers.getInteger("viewers"));
    assertTrue(viewers.getDouble("last_seen") > 0);
    assertEquals(200, get("/hls/yard/index0.ts").status());
  }

  @Test
  void withAnonymousReadingOffVideoNeedsASignIn(Vertx vertx) {
    String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
    JsonObject auth = new JsonObject().put("enabled", true).put("anonymous_read", false).put("users", new JsonArray()
        .add(new JsonObject().put("username", "olive").put("password_hash", hash).put("role", "operator")));
    Store store = Store.create(vertx, redis.url()).start().await();
    try {
      store.putConfig(ConfigSections.AUTH, auth).await();
      port = TestGateway.deploy(vertx, redis, new JsonObject().put(GatewayVerticle.HLS_DIR, base.resolve("hls").toString()))
          .await().port();
      Answer playlist = get("/hls/yard/index.m3u8");
      assertEquals(401, playlist.status());
      assertFalse(playlist.body().contains("EXTM3U"));
      assertEquals(401, get("/live/yard").status(), "the live view's handshake");
    } finally {
      store.putConfig(ConfigSections.AUTH, new JsonObject().put("enabled", false)).await();
      store.close().await();
    }
  }
}

package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class StaticFilesTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();

  @Test
  void servesTheConfiguredFolder(Vertx vertx, VertxTestContext ctx, @TempDir Path webroot) throws IOException {
    Files.writeString(webroot.resolve("index.html"), "<!doctype html><p>folder-webroot-marker</p>");
    Files.createDirectories(webroot.resolve("vendor"));
    Files.writeString(webroot.resolve("vendor/sockjs.min.js"), "/* sockjs */");
    TestGateway.deploy(vertx, redis, new JsonObject().put(PulseSettings.WEBROOT, webroot.toString()))
        .compose(gateway -> gateway.client().get("/").send()
            .map(index -> {
              assertEquals(200, index.statusCode());
              assertTrue(index.getHeader("Content-Type").startsWith("text/html"), index.getHeader("Content-Type"));
              assertEquals(StaticFiles.PAGE_CACHE, index.getHeader("Cache-Control"));
              assertTrue(index.bodyAsString().contains("folder-webroot-marker"));
              return gateway;
            }))
        .compose(gateway -> gateway.client().get("/vendor/sockjs.min.js").send()
            .map(script -> {
              assertEquals(200, script.statusCode());
              assertEquals(StaticFiles.ASSET_CACHE, script.getHeader("Cache-Control"));
              return gateway;
            }))
        .compose(gateway -> gateway.client().get("/missing.js").send())
        .map(missing -> {
          assertEquals(404, missing.statusCode());
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void servesTheClasspathWebrootByDefault(Vertx vertx, VertxTestContext ctx) {
    TestGateway.deploy(vertx, redis)
        .compose(gateway -> gateway.client().get("/").send())
        .map(index -> {
          assertEquals(200, index.statusCode());
          assertTrue(index.bodyAsString().contains("classpath-webroot-marker"));
          return null;
        })
        .onComplete(ctx.succeedingThenComplete());
  }
}

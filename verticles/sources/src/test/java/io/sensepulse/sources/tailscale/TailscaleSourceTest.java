package io.sensepulse.sources.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Reading;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The source against a fake tailscaled on a real unix socket, with the JDK transport Vert.x uses by default. */
@ExtendWith(VertxExtension.class)
class TailscaleSourceTest {
  @TempDir
  Path dir;

  private Future<List<Reading>> pollAgainst(Vertx vertx, Consumer<HttpServerRequest> status, int timeoutMs) {
    return FakeTailscaled.start(vertx, dir, status).compose(fake -> source(vertx, fake.socket, timeoutMs).poll()
        .eventually(fake::close));
  }

  private static TailscaleSource source(Vertx vertx, Path socket, int timeoutMs) {
    return new TailscaleSource(vertx, TailscaleConfig.from(new JsonObject()
        .put("tailscale", new JsonObject().put("socket", socket.toString()).put("timeout_ms", timeoutMs))));
  }

  @Test
  void readsTheRecordedStatusOverTheSocketWithTheLocalApiHost(Vertx vertx, VertxTestContext test) {
    pollAgainst(vertx, FakeTailscaled.answering(200, "application/json", Recorded.read(Recorded.RUNNING)), 5_000)
        .onComplete(test.succeeding(readings -> test.verify(() -> {
          Map<String, Object> values = readings.stream().collect(Collectors.toMap(Reading::sensor, Reading::value));
          assertEquals("Running", values.get("backend_state"));
          assertEquals(2L, values.get("peers_online"));
          assertEquals(4L, values.get("peers_total"));
          test.completeNow();
        })));
  }

  @Test
  void aMissingSocketIsAClearError(Vertx vertx, VertxTestContext test) {
    Path missing = dir.resolve("nothing-here.sock");
    source(vertx, missing, 1_000).poll().onComplete(test.failing(error -> test.verify(() -> {
      assertEquals("tailscaled socket not found at " + missing + " (is tailscaled running?)", error.getMessage());
      test.completeNow();
    })));
  }

  @Test
  void refusalsAndServerErrorsCarryTheStatusAndBody(Vertx vertx, VertxTestContext test) {
    pollAgainst(vertx, FakeTailscaled.answering(403, "text/plain; charset=utf-8", "invalid localapi request\n"), 5_000)
        .onComplete(test.failing(forbidden -> test.verify(() -> {
          assertEquals("tailscaled answered 403: invalid localapi request", forbidden.getMessage());
          pollAgainst(vertx, FakeTailscaled.answering(500, "text/plain; charset=utf-8", "no backend\n"), 5_000)
              .onComplete(test.failing(failed -> test.verify(() -> {
                assertEquals("tailscaled answered 500: no backend", failed.getMessage());
                test.completeNow();
              })));
        })));
  }

  @Test
  void anAnswerThatIsNotJsonIsAnError(Vertx vertx, VertxTestContext test) {
    pollAgainst(vertx, FakeTailscaled.answering(200, "text/html", "<html><body>Tailscale</body></html>"), 5_000)
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals("an HTML page, not JSON", error.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void aDaemonThatNeverAnswersTimesOut(Vertx vertx, VertxTestContext test) {
    pollAgainst(vertx, request -> { }, 300).onComplete(test.failing(error -> test.verify(() -> {
      assertEquals("tailscaled did not answer within 300 ms", error.getMessage());
      test.completeNow();
    })));
  }

  @Test
  void aStaleSocketFileNobodyListensOnIsAnError(Vertx vertx, VertxTestContext test) {
    Path stale = dir.resolve("tailscaled.sock");
    vertx.fileSystem().writeFile(stale.toString(), Buffer.buffer())
        .compose(written -> source(vertx, stale, 1_000).poll())
        .onComplete(test.failing(error -> test.verify(() -> {
          assertTrue(error.getMessage().startsWith("cannot reach tailscaled at " + stale + ": "), error.getMessage());
          test.completeNow();
        })));
  }
}

package io.sensepulse.sources.tailscale;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An HTTP server on a real unix socket that guards its requests as tailscaled's LocalAPI does
 * (403 "invalid localapi request" for another Host, an Origin or a Referer) and answers the
 * status path with whatever the test says.
 */
final class FakeTailscaled {
  final Path socket;
  final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;

  private FakeTailscaled(Path socket, HttpServer server) {
    this.socket = socket;
    this.server = server;
  }

  static Future<FakeTailscaled> start(Vertx vertx, Path dir, Consumer<HttpServerRequest> status) {
    Path socket = dir.resolve("tailscaled.sock");
    HttpServer server = vertx.createHttpServer();
    FakeTailscaled fake = new FakeTailscaled(socket, server);
    server.requestHandler(request -> {
      fake.requests.incrementAndGet();
      // The raw header, port and all: tailscaled compares the whole Host value.
      if (!TailscaleSource.LOCAL_API_HOST.equals(request.headers().get("Host"))
          || request.headers().contains("Origin") || request.headers().contains("Referer")) {
        request.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("invalid localapi request\n");
      } else if (request.path().equals(TailscaleSource.STATUS_PATH)) {
        status.accept(request);
      } else {
        request.response().setStatusCode(404).end("404 page not found\n");
      }
    });
    return server.listen(SocketAddress.domainSocketAddress(socket.toString())).map(fake);
  }

  static Consumer<HttpServerRequest> answering(int code, String contentType, String body) {
    return request -> request.response().setStatusCode(code).putHeader("Content-Type", contentType)
        .putHeader("Tailscale-Version", "1.80.3-t2c4d1fd0e-g3c4a1b7f1").end(body);
  }

  Future<Void> close() {
    return server.close();
  }
}

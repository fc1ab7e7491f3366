package io.sensepulse.sources.tailscale;

import io.sensepulse.common.Reading;
import io.sensepulse.common.source.Source;
import io.sensepulse.sources.BodySnippet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks tailscaled's LocalAPI for its status over the daemon's unix socket. Vert.x 5 speaks HTTP
 * over a unix socket with the JDK's own transport (Java 16+) as well as with epoll, so this works
 * on any Pi OS, 32-bit included.
 */
public final class TailscaleSource implements Source {
  public static final String ID = "tailscale";
  /** The LocalAPI answers 403 to any other Host: its defence against browsers reaching the socket. */
  static final String LOCAL_API_HOST = "local-tailscaled.sock";
  static final String STATUS_PATH = "/localapi/v0/status";
  /** A status of a few hundred peers is some hundred KB; anything far bigger is not tailscaled. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final Vertx vertx;
  private final TailscaleConfig config;

  public TailscaleSource(Vertx vertx, TailscaleConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Future<List<Reading>> poll() {
    String socket = config.socket();
    return vertx.fileSystem().exists(socket)
        .compose(exists -> exists ? fetchStatus() : Future.failedFuture(
            new IllegalStateException("tailscaled socket not found at " + socket + " (is tailscaled running?)")))
        .map(body -> TailscaleReadings.of(TailscaleStatus.parse(body), System.currentTimeMillis() / 1000.0));
  }

  private Future<String> fetchStatus() {
    long timeoutMs = config.timeout().toMillis();
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setServer(SocketAddress.domainSocketAddress(config.socket()))
        .setHost(LOCAL_API_HOST)
        .setPort(80)
        .setURI(STATUS_PATH)
        .setConnectTimeout(timeoutMs);
    return client.request(request)
        .compose(HttpClientRequest::send)
        .recover(error -> Future.failedFuture(new IllegalStateException(
            "cannot reach tailscaled at " + config.socket() + ": " + error.getMessage(), error)))
        .compose(this::boundedBody)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(error -> Future.failedFuture(error instanceof TimeoutException
            ? new IllegalStateException("tailscaled did not answer within " + timeoutMs + " ms")
            : error))
        .eventually(client::close);
  }

  /** The body as text when the answer is 200; the status and the start of the body otherwise. */
  private Future<String> boundedBody(HttpClientResponse response) {
    Promise<String> done = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(done::tryFail);
    response.handler(chunk -> {
      if (body.length() + chunk.length() > MAX_BODY_BYTES) {
        done.tryFail("tailscaled answered more than " + MAX_BODY_BYTES + " bytes");
        response.request().reset();
      } else {
        body.appendBuffer(chunk);
      }
    });
    response.endHandler(end -> {
      String text = body.toString(StandardCharsets.UTF_8);
      if (response.statusCode() == 200) {
        done.tryComplete(text);
      } else {
        done.tryFail("tailscaled answered " + response.statusCode() + ": " + BodySnippet.of(text));
      }
    });
    return done.future();
  }
}

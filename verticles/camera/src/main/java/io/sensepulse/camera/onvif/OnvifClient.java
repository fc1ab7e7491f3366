package io.sensepulse.camera.onvif;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends one SOAP 1.2 request to a camera over Vert.x's non-blocking HTTP client and reads the
 * answer, turning every way it can go wrong into a message that names the operation and the camera
 * (never the password, which is only ever hashed into the header).
 */
final class OnvifClient {
  /** GetProfiles of a many-channel NVR runs to a few hundred KB; more is not an ONVIF answer. */
  static final int MAX_ANSWER_BYTES = 1024 * 1024;
  private static final int SNIPPET_LENGTH = 60;
  private static final SecureRandom NONCES = new SecureRandom();

  private final HttpClient http;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final long timeoutMs;

  OnvifClient(HttpClient http, String host, int port, String username, String password, Duration timeout) {
    this.http = http;
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
    this.timeoutMs = timeout.toMillis();
  }

  /** Without WS-Security: GetSystemDateAndTime must answer anyone, so the clock can be learned first. */
  <T> Future<T> callAnonymous(String path, SoapCall call, Function<String, T> reader) {
    return exchange(path, call, call.envelope(null), reader);
  }

  /**
   * With a UsernameToken whose Created is the camera's time ({@code clockOffset} ahead of ours):
   * cameras refuse tokens more than a few seconds off their clock. No username means none is sent.
   */
  <T> Future<T> call(String path, SoapCall call, Duration clockOffset, Function<String, T> reader) {
    String header = null;
    if (!username.isEmpty()) {
      byte[] nonce = new byte[16];
      NONCES.nextBytes(nonce);
      header = WsSecurity.header(username, password, nonce, Instant.now().plus(clockOffset));
    }
    return exchange(path, call, call.envelope(header), reader);
  }

  private <T> Future<T> exchange(String path, SoapCall call, String envelope, Function<String, T> reader) {
    String failed = "ONVIF " + call.operation() + " on " + host + ":" + port + " failed: ";
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(host)
        .setPort(port)
        .setURI(path)
        .setConnectTimeout(timeoutMs)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/soap+xml; charset=utf-8; action=\"" + call.action() + "\"");
    return http.request(request)
        .compose(sending -> sending.send(Buffer.buffer(envelope, "UTF-8")))
        .compose(this::boundedBody)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(error -> Future.failedFuture(new IllegalStateException(failed + (error instanceof TimeoutException
            ? "no answer within " + timeoutMs + " ms"
            : error instanceof AnswerTooLarge ? error.getMessage() : "cannot reach the camera: " + error.getMessage()),
            error)))
        .compose(answer -> interpret(answer, reader, failed));
  }

  /** A camera answers faults with 400 or 500, some with 200: the XML decides, the status explains the rest. */
  private <T> Future<T> interpret(Answer answer, Function<String, T> reader, String failed) {
    String described = "HTTP " + answer.status() + (answer.contentType().isEmpty() ? "" : ", " + answer.contentType());
    try {
      T value = reader.apply(answer.body());
      return answer.status() / 100 == 2 ? Future.succeededFuture(value)
          : Future.failedFuture(new IllegalStateException(failed + "the camera answered " + described));
    } catch (OnvifFault fault) {
      return Future.failedFuture(new IllegalStateException(failed + explain(fault), fault));
    } catch (IllegalArgumentException unreadable) {
      String why = answer.status() == 401
          ? "HTTP 401: the camera wants HTTP authentication instead of WS-Security, which is not supported"
          : unreadable instanceof SafeXml.NotXml
              ? "the answer (" + described + ") is " + unreadable.getMessage() + "; it begins: " + snippet(answer.body())
              : "unexpected answer (" + described + "): " + unreadable.getMessage();
      return Future.failedFuture(new IllegalStateException(failed + why, unreadable));
    }
  }

  private String explain(OnvifFault fault) {
    if (fault.notAuthorized()) {
      return "the camera refused user '" + username + "': wrong password, or a user without PTZ rights ("
          + fault.getMessage() + ")";
    }
    return "the camera answered a SOAP fault " + fault.getMessage();
  }

  private static String snippet(String body) {
    String line = body.strip().replaceAll("\\s+", " ");
    return line.length() <= SNIPPET_LENGTH ? line : line.substring(0, SNIPPET_LENGTH) + "...";
  }

  private static final class AnswerTooLarge extends RuntimeException {
    AnswerTooLarge() {
      super("the answer is larger than " + MAX_ANSWER_BYTES + " bytes", null, false, false);
    }
  }

  private record Answer(int status, String contentType, String body) {}

  private Future<Answer> boundedBody(HttpClientResponse response) {
    Promise<Answer> done = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(done::tryFail);
    response.handler(chunk -> {
      if (body.length() + chunk.length() > MAX_ANSWER_BYTES) {
        done.tryFail(new AnswerTooLarge());
        response.request().reset();
      } else {
        body.appendBuffer(chunk);
      }
    });
    response.endHandler(end -> {
      String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
      done.tryComplete(new Answer(response.statusCode(), contentType == null ? "" : contentType,
          body.toString(StandardCharsets.UTF_8)));
    });
    return done.future();
  }
}

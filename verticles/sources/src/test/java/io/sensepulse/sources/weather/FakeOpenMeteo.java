package io.sensepulse.sources.weather;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Open-Meteo's forecast and geocoding paths on one loopback port, answering what each test sets. */
final class FakeOpenMeteo {
  static final String FORECAST = "/v1/forecast";
  static final String SEARCH = "/v1/search";

  final Map<String, Consumer<HttpServerRequest>> answers = new ConcurrentHashMap<>();
  final List<MultiMap> forecastQueries = new CopyOnWriteArrayList<>();
  final List<MultiMap> searchQueries = new CopyOnWriteArrayList<>();
  private HttpServer server;

  static Future<FakeOpenMeteo> start(Vertx vertx) {
    FakeOpenMeteo fake = new FakeOpenMeteo();
    fake.answers.put(FORECAST, answering(200, "application/json; charset=utf-8", recorded("forecast.json")));
    fake.answers.put(SEARCH, answering(200, "application/json; charset=utf-8", recorded("geocoding-berlin.json")));
    fake.server = vertx.createHttpServer().requestHandler(request -> {
      (FORECAST.equals(request.path()) ? fake.forecastQueries : fake.searchQueries).add(request.params());
      fake.answers.getOrDefault(request.path(), answering(404, "text/plain", "Not Found")).accept(request);
    });
    return fake.server.listen(0, "127.0.0.1").map(fake);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** A weather section pointing both APIs here. */
  JsonObject section(String location, int timeoutMs) {
    return new JsonObject().put("location", location).put("base_url", url()).put("geocoding_url", url() + "/")
        .put("timeout_ms", timeoutMs);
  }

  static Consumer<HttpServerRequest> answering(int code, String contentType, String body) {
    return request -> request.response().setStatusCode(code).putHeader("Content-Type", contentType).end(body);
  }

  static String recorded(String name) {
    try (InputStream in = FakeOpenMeteo.class.getResourceAsStream("/weather/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource weather/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Future<Void> close() {
    return server.close();
  }
}

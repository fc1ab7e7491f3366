package io.sensepulse.sources.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Reading;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The source against a local server answering Open-Meteo's recorded payloads. */
@ExtendWith(VertxExtension.class)
class WeatherSourceTest {

  private static WeatherSource source(Vertx vertx, JsonObject section) {
    return new WeatherSource(vertx, WeatherConfig.from(new JsonObject().put("weather", section)));
  }

  private static Map<String, Object> values(List<Reading> readings) {
    return readings.stream().collect(Collectors.toMap(Reading::sensor, Reading::value));
  }

  private static <T> Future<T> withFake(Vertx vertx, Function<FakeOpenMeteo, Future<T>> test) {
    return FakeOpenMeteo.start(vertx).compose(fake -> test.apply(fake).eventually(fake::close));
  }

  @Test
  void coordinatesGoStraightToTheForecast(Vertx vertx, VertxTestContext test) {
    withFake(vertx, fake -> source(vertx, fake.section("52.52,13.41", 5_000)).poll().map(readings -> {
      test.verify(() -> {
        assertEquals(21.4, values(readings).get("temperature"));
        assertEquals("52.52,13.41", values(readings).get("location"));
        assertEquals(0, fake.searchQueries.size());
        var query = fake.forecastQueries.get(0);
        assertEquals("52.52", query.get("latitude"));
        assertEquals("13.41", query.get("longitude"));
        assertEquals(WeatherSource.CURRENT, query.get("current"));
        assertEquals(WeatherSource.DAILY, query.get("daily"));
        assertEquals("auto", query.get("timezone"));
        assertEquals("1", query.get("forecast_days"));
      });
      return readings;
    })).onComplete(test.succeedingThenComplete());
  }

  @Test
  void aPlaceNameIsGeocodedOnceAcrossPollsAndOfferedForTheConfig(Vertx vertx, VertxTestContext test) {
    withFake(vertx, fake -> {
      WeatherSource first = source(vertx, fake.section("Bad Tölz", 5_000));
      WeatherSource second = source(vertx, fake.section("Bad Tölz", 5_000));
      return first.poll().compose(one -> second.poll().map(two -> {
        test.verify(() -> {
          assertEquals(1, fake.searchQueries.size(), "geocoded once");
          assertEquals("Bad Tölz", fake.searchQueries.get(0).get("name"));
          assertEquals("1", fake.searchQueries.get(0).get("count"));
          assertEquals(2, fake.forecastQueries.size());
          assertEquals("52.52437", fake.forecastQueries.get(1).get("latitude"));
          assertEquals("Berlin, Germany", values(two).get("location"));
          JsonObject resolved = first.resolvedLocation().orElseThrow();
          assertEquals(52.52437, resolved.getDouble("latitude"));
          assertEquals(13.41053, resolved.getDouble("longitude"));
          assertEquals("Bad Tölz", resolved.getString("resolved_from"));
          assertEquals("Berlin, Germany", resolved.getString("place"));
          assertEquals(resolved, WeatherConfig.validate(resolved), "the document passes the section's validator");
          assertEquals(Optional.empty(), second.resolvedLocation(), "nothing new to keep");
        });
        return two;
      }));
    }).onComplete(test.succeedingThenComplete());
  }

  private void expectError(Vertx vertx, VertxTestContext test, String location, int timeoutMs,
      java.util.function.Consumer<FakeOpenMeteo> answers, String expected) {
    withFake(vertx, fake -> {
      answers.accept(fake);
      return source(vertx, fake.section(location, timeoutMs)).poll()
          .transform(result -> Future.succeededFuture(result.cause()))
          .map(error -> {
            test.verify(() -> assertEquals(expected.replace("{url}", fake.url()),
                error == null ? "no error" : error.getMessage()));
            return error;
          });
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void anUnknownPlaceIsAClearError(Vertx vertx, VertxTestContext test) {
    expectError(vertx, test, "Atlantis Nowhere", 5_000, fake -> fake.answers.put(FakeOpenMeteo.SEARCH,
            FakeOpenMeteo.answering(200, "application/json; charset=utf-8", FakeOpenMeteo.recorded("geocoding-miss.json"))),
        "weather location 'Atlantis Nowhere' was not found by the geocoding service;"
            + " try another spelling or coordinates like 52.52,13.41");
  }

  @Test
  void anHtmlPageInsteadOfJsonIsAnError(Vertx vertx, VertxTestContext test) {
    expectError(vertx, test, "52.52,13.41", 5_000, fake -> fake.answers.put(FakeOpenMeteo.FORECAST,
            FakeOpenMeteo.answering(200, "text/html", "<!DOCTYPE html><html><body>Captive portal</body></html>")),
        "an HTML page, not JSON");
  }

  @Test
  void aServerErrorIsAnError(Vertx vertx, VertxTestContext test) {
    expectError(vertx, test, "52.52,13.41", 5_000, fake -> fake.answers.put(FakeOpenMeteo.FORECAST,
            FakeOpenMeteo.answering(500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>")),
        "Open-Meteo answered 500: <html><body><h1>500 Internal Server Error</h1></body></html>");
  }

  @Test
  void openMeteosOwnErrorCarriesItsReason(Vertx vertx, VertxTestContext test) {
    expectError(vertx, test, "52.52,13.41", 5_000, fake -> fake.answers.put(FakeOpenMeteo.FORECAST,
            FakeOpenMeteo.answering(400, "application/json; charset=utf-8", FakeOpenMeteo.recorded("error.json"))),
        "Open-Meteo answered 400: Latitude must be in range of -90 to 90°. Given: 152.52.");
  }

  @Test
  void aServerThatNeverAnswersTimesOut(Vertx vertx, VertxTestContext test) {
    expectError(vertx, test, "52.52,13.41", 300, fake -> fake.answers.put(FakeOpenMeteo.FORECAST, request -> { }),
        "Open-Meteo did not answer within 300 ms ({url}/v1/forecast)");
  }

  @Test
  void aGeocodingFailureIsAnErrorToo(Vertx vertx, VertxTestContext test) {
    expectError(vertx, test, "Berlin", 5_000, fake -> fake.answers.put(FakeOpenMeteo.SEARCH,
            FakeOpenMeteo.answering(200, "application/json", FakeOpenMeteo.recorded("error.json"))),
        "Open-Meteo refused the request: Latitude must be in range of -90 to 90°. Given: 152.52.");
  }
}

package io.sensepulse.sources.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sensepulse.common.Reading;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenMeteoTest {

  @Test
  void forecastGivesCurrentConditionsAndTodaysExtremesInTheStatedUnits() {
    assertEquals(new OpenMeteo.Forecast(21.4, 20.3, "°C", 52, 13.7, "km/h", 3, true, 24.1, 13.6),
        OpenMeteo.forecast(FakeOpenMeteo.recorded("forecast.json")));
  }

  @Test
  void readingsNameTheConditionAndThePlace() {
    List<Reading> readings = WeatherReadings.of(OpenMeteo.forecast(FakeOpenMeteo.recorded("forecast.json")),
        "Berlin, Germany", 1_750_000_000.0);
    Map<String, Reading> byName = readings.stream().collect(Collectors.toMap(Reading::sensor, reading -> reading));
    assertEquals(List.of("temperature", "apparent_temperature", "humidity", "wind_speed", "weather_code", "condition",
        "is_day", "temperature_max", "temperature_min", "location"), readings.stream().map(Reading::sensor).toList());
    assertEquals(21.4, byName.get("temperature").value());
    assertEquals("°C", byName.get("temperature_max").unit());
    assertEquals("%", byName.get("humidity").unit());
    assertEquals("km/h", byName.get("wind_speed").unit());
    assertEquals(3, byName.get("weather_code").value());
    assertEquals("cloudy", byName.get("condition").value());
    assertEquals(true, byName.get("is_day").value());
    assertEquals("Berlin, Germany", byName.get("location").value());
  }

  @Test
  void geocodingHitAndMiss() {
    OpenMeteo.Place berlin = OpenMeteo.firstPlace(FakeOpenMeteo.recorded("geocoding-berlin.json")).orElseThrow();
    assertEquals(new Coordinates(52.52437, 13.41053), berlin.coordinates());
    assertEquals("Berlin, Germany", berlin.label());
    assertEquals(Optional.empty(), OpenMeteo.firstPlace(FakeOpenMeteo.recorded("geocoding-miss.json")));
  }

  @Test
  void errorsAndWrongContentAreRefusedWithAReason() {
    String error = FakeOpenMeteo.recorded("error.json");
    assertEquals("Open-Meteo refused the request: Latitude must be in range of -90 to 90°. Given: 152.52.",
        assertThrows(IllegalArgumentException.class, () -> OpenMeteo.forecast(error)).getMessage());
    assertEquals("Open-Meteo answered 400: Latitude must be in range of -90 to 90°. Given: 152.52.",
        OpenMeteo.describeFailure(400, error));
    assertEquals("Open-Meteo answered 502: <html><head><title>502 Bad Gateway</title></head>",
        OpenMeteo.describeFailure(502, "<html><head><title>502 Bad Gateway</title></head>\n"));
    assertEquals("an HTML page, not JSON",
        assertThrows(IllegalArgumentException.class, () -> OpenMeteo.forecast("<!DOCTYPE html><html>")).getMessage());
    assertEquals("the forecast has no 'current' conditions",
        assertThrows(IllegalArgumentException.class, () -> OpenMeteo.forecast("{\"latitude\":1}")).getMessage());
    assertEquals("weather_code must be a WMO code 0-99, got 3.5", assertThrows(IllegalArgumentException.class,
        () -> OpenMeteo.forecast(FakeOpenMeteo.recorded("forecast.json").replace("\"weather_code\":3", "\"weather_code\":3.5")))
        .getMessage());
    assertEquals("daily.temperature_2m_max has no value for today", assertThrows(IllegalArgumentException.class,
        () -> OpenMeteo.forecast(FakeOpenMeteo.recorded("forecast.json").replace("[24.1]", "[]"))).getMessage());
  }

  @Test
  void everyDocumentedCodeHasAWordAndOthersAreUnknown() {
    assertEquals("clear", WmoCodes.condition(0));
    assertEquals("rain", WmoCodes.condition(63));
    assertEquals("thunderstorm with heavy hail", WmoCodes.condition(99));
    assertEquals("unknown", WmoCodes.condition(42));
  }
}

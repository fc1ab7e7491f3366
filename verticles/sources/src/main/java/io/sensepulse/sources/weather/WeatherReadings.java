package io.sensepulse.sources.weather;

import io.sensepulse.common.Reading;
import java.util.List;

/** The readings of the weather source. */
public final class WeatherReadings {
  private WeatherReadings() {}

  public static final String TEMPERATURE = "temperature";
  public static final String APPARENT_TEMPERATURE = "apparent_temperature";
  public static final String HUMIDITY = "humidity";
  public static final String WIND_SPEED = "wind_speed";
  public static final String WEATHER_CODE = "weather_code";
  public static final String CONDITION = "condition";
  public static final String IS_DAY = "is_day";
  public static final String TEMPERATURE_MAX = "temperature_max";
  public static final String TEMPERATURE_MIN = "temperature_min";
  public static final String LOCATION = "location";

  /** @param location what the dashboard shows as the place: "Berlin, Germany" or the coordinates */
  public static List<Reading> of(OpenMeteo.Forecast forecast, String location, double timestamp) {
    String degrees = forecast.temperatureUnit();
    return List.of(
        new Reading(TEMPERATURE, forecast.temperature(), degrees, timestamp),
        new Reading(APPARENT_TEMPERATURE, forecast.apparentTemperature(), degrees, timestamp),
        new Reading(HUMIDITY, forecast.humidity(), "%", timestamp),
        new Reading(WIND_SPEED, forecast.windSpeed(), forecast.windSpeedUnit(), timestamp),
        new Reading(WEATHER_CODE, forecast.weatherCode(), "", timestamp),
        new Reading(CONDITION, WmoCodes.condition(forecast.weatherCode()), "", timestamp),
        new Reading(IS_DAY, forecast.isDay(), "", timestamp),
        new Reading(TEMPERATURE_MAX, forecast.temperatureMax(), degrees, timestamp),
        new Reading(TEMPERATURE_MIN, forecast.temperatureMin(), degrees, timestamp),
        new Reading(LOCATION, location, "", timestamp));
  }
}

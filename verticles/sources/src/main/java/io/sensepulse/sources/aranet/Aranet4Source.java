package io.sensepulse.sources.aranet;

import io.sensepulse.common.Reading;
import io.sensepulse.common.source.Source;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Configured Aranet4 sensors read from their adverts: five readings each ({label}:co2, :temperature,
 * :humidity, :pressure, :battery). A sensor not heard in the scan is skipped; one heard but unusable
 * (integrations off, undecodable advert) fails the run so its status tells the user what to fix.
 */
public final class Aranet4Source implements Source {
  public static final String ID = "aranet4";

  private final BleScanner scanner;
  private final AranetConfig config;

  public Aranet4Source(BleScanner scanner, AranetConfig config) {
    this.scanner = scanner;
    this.config = config;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Future<List<Reading>> poll() {
    if (config.sensors().isEmpty()) {
      return Future.failedFuture("no Aranet4 sensors configured: set ARANET4_SENSORS, e.g."
          + " [{\"label\":\"office\",\"mac\":\"AA:BB:CC:DD:EE:FF\"}] (pulse aranet scan lists nearby ones)");
    }
    return scanner.scan(Duration.ofSeconds(config.timeoutSeconds()))
        .compose(adverts -> {
          List<String> problems = new ArrayList<>();
          List<Reading> readings = readings(config.sensors(), adverts, System.currentTimeMillis() / 1000.0, problems);
          return problems.isEmpty() ? Future.succeededFuture(readings)
              : Future.failedFuture(String.join("; ", problems));
        });
  }

  /** Scan mode: every Aranet device nearby, for {@code scan:co2}. */
  public Future<JsonObject> scanDevices() {
    return scanner.scan(Duration.ofSeconds(config.timeoutSeconds())).map(AranetJson::devices);
  }

  /**
   * The readings of the configured sensors heard in {@code adverts}; what keeps a heard sensor from
   * giving readings goes to {@code problems}. Invalid values (the device's markers) give no reading.
   */
  static List<Reading> readings(List<AranetConfig.Sensor> sensors, List<Advert> adverts, double timestamp,
      List<String> problems) {
    Map<String, Advert> byMac = adverts.stream()
        .filter(advert -> advert.manufacturerData().containsKey(AranetAdverts.COMPANY_ID))
        .collect(Collectors.toMap(Advert::mac, Function.identity(), (first, second) -> second));
    List<Reading> readings = new ArrayList<>();
    for (AranetConfig.Sensor sensor : sensors) {
      Advert advert = byMac.get(sensor.mac());
      if (advert == null) {
        continue;
      }
      String who = sensor.label() + " (" + sensor.mac() + ")";
      AranetAdvertisement decoded;
      try {
        decoded = AranetAdverts.parse(advert.manufacturerData().get(AranetAdverts.COMPANY_ID), advert.name());
      } catch (IllegalArgumentException e) {
        problems.add(who + ": " + e.getMessage());
        continue;
      }
      if (!decoded.integrations()) {
        problems.add(who + ": " + AranetJson.INTEGRATIONS_OFF);
      } else if (decoded.type() != AranetType.ARANET4) {
        problems.add(who + ": is an " + decoded.type().model() + ", not an Aranet4");
      } else {
        add(readings, sensor.label() + ":co2", decoded.co2(), "ppm", timestamp);
        add(readings, sensor.label() + ":temperature", decoded.temperature(), "C", timestamp);
        add(readings, sensor.label() + ":humidity", decoded.humidity(), "%", timestamp);
        add(readings, sensor.label() + ":pressure", decoded.pressure(), "mbar", timestamp);
        add(readings, sensor.label() + ":battery", decoded.battery(), "%", timestamp);
      }
    }
    return readings;
  }

  private static void add(List<Reading> readings, String name, Number value, String unit, double timestamp) {
    if (value != null) {
      readings.add(new Reading(name, value, unit, timestamp));
    }
  }
}

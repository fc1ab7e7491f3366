package io.sensepulse.sources.aranet;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of decoded adverts: {@code pulse aranet}, and {@code scan:co2} for the dashboard. */
public final class AranetJson {
  private AranetJson() {}

  /** Shown wherever an Aranet's integrations switch is off: the user fixes it in the vendor's app. */
  public static final String INTEGRATIONS_OFF = "Smart Home integrations is off: enable it in the Aranet app"
      + " (device settings > Smart Home integrations), or the sensor advertises no readings";

  /** The fields each type measures; they are all present, null where the device sent an invalid-value marker. */
  private static final Map<AranetType, List<String>> MEASURED = Map.of(
      AranetType.ARANET4, List.of("co2", "temperature", "humidity", "pressure", "battery", "status", "interval", "age"),
      AranetType.ARANET2, List.of("temperature", "humidity", "battery", "temperature_status", "humidity_status",
          "interval", "age", "counter"),
      AranetType.ARANET_RADIATION, List.of("radiation_rate", "radiation_total", "radiation_duration", "battery",
          "interval", "age", "counter"),
      AranetType.ARANET_RADON, List.of("radon", "temperature", "humidity", "pressure", "battery", "status", "interval",
          "age", "counter"));

  public static JsonObject advertisement(AranetAdvertisement advert) {
    JsonObject json = new JsonObject()
        .put("type", advert.type().name().toLowerCase(Locale.ROOT))
        .put("model", advert.type().model())
        .put("version", advert.version())
        .put("integrations", advert.integrations())
        .put("disconnected", advert.disconnected())
        .put("calibration", advert.calibration())
        .put("dfu", advert.dfu());
    if (!advert.integrations()) {
      return json.put("message", INTEGRATIONS_OFF);
    }
    Map<String, Object> values = new HashMap<>();
    values.put("co2", advert.co2());
    values.put("temperature", advert.temperature());
    values.put("humidity", advert.humidity());
    values.put("pressure", advert.pressure());
    values.put("battery", advert.battery());
    values.put("status", advert.status());
    values.put("temperature_status", advert.temperatureStatus());
    values.put("humidity_status", advert.humidityStatus());
    values.put("interval", advert.interval());
    values.put("age", advert.age());
    values.put("counter", advert.counter());
    values.put("radon", advert.radon());
    values.put("radiation_rate", advert.radiationRate());
    values.put("radiation_total", advert.radiationTotal());
    values.put("radiation_duration", advert.radiationDuration());
    MEASURED.get(advert.type()).forEach(field -> json.put(field, values.get(field)));
    return json;
  }

  /** {@code {devices: [{name, mac, rssi, readings}]}} for every Aranet heard; readings null with an error when undecodable. */
  public static JsonObject devices(List<Advert> adverts) {
    JsonArray devices = new JsonArray();
    for (Advert advert : adverts) {
      byte[] data = advert.manufacturerData().get(AranetAdverts.COMPANY_ID);
      if (data == null) {
        continue;
      }
      JsonObject device = new JsonObject().put("name", advert.name()).put("mac", advert.mac()).put("rssi", advert.rssi());
      try {
        device.put("readings", advertisement(AranetAdverts.parse(data, advert.name())));
      } catch (IllegalArgumentException e) {
        device.put("readings", null).put("error", e.getMessage()).put("data", Hex.encode(data));
      }
      devices.add(device);
    }
    return new JsonObject().put("devices", devices);
  }
}

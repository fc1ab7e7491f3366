package io.sensepulse.sources.aranet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sensepulse.common.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Aranet4SourceTest {
  private static final List<AranetConfig.Sensor> SENSORS = List.of(
      new AranetConfig.Sensor("office", "AA:BB:CC:DD:EE:01"),
      new AranetConfig.Sensor("bedroom", "AA:BB:CC:DD:EE:02"));

  private static Advert advert(String mac, String hex) {
    return new Advert(mac, null, -60, Map.of(AranetAdverts.COMPANY_ID, Hex.decode(hex)));
  }

  @Test
  void fiveReadingsPerHeardSensorAndUnheardSkipped() {
    List<String> problems = new ArrayList<>();
    List<Reading> readings = Aranet4Source.readings(SENSORS, List.of(advert("AA:BB:CC:DD:EE:01", Vectors.ARANET4),
        advert("AA:BB:CC:DD:EE:99", Vectors.ARANET4)), 100.0, problems);
    assertEquals(List.of(
        new Reading("office:co2", 1091, "ppm", 100.0),
        new Reading("office:temperature", 20.8, "C", 100.0),
        new Reading("office:humidity", 53.0, "%", 100.0),
        new Reading("office:pressure", 1012.3, "mbar", 100.0),
        new Reading("office:battery", 12, "%", 100.0)), readings);
    assertEquals(List.of(), problems);
  }

  @Test
  void invalidValuesGiveNoReading() {
    byte[] data = Hex.decode(Vectors.ARANET4);
    data[9] |= (byte) 0x80;
    List<Reading> readings = Aranet4Source.readings(SENSORS, List.of(advert("AA:BB:CC:DD:EE:01", Hex.encode(data))),
        1.0, new ArrayList<>());
    assertEquals(List.of("office:temperature", "office:humidity", "office:pressure", "office:battery"),
        readings.stream().map(Reading::sensor).toList());
  }

  @Test
  void integrationsOffAndWrongDevicesAreProblems() {
    List<String> problems = new ArrayList<>();
    List<Reading> readings = Aranet4Source.readings(SENSORS, List.of(
        advert("AA:BB:CC:DD:EE:01", Vectors.ARANET4_NO_INTEGRATIONS), advert("AA:BB:CC:DD:EE:02", Vectors.RADON)),
        1.0, problems);
    assertEquals(List.of(), readings);
    assertEquals(List.of("office (AA:BB:CC:DD:EE:01): " + AranetJson.INTEGRATIONS_OFF,
        "bedroom (AA:BB:CC:DD:EE:02): is an Aranet Radon Plus, not an Aranet4"), problems);
  }
}

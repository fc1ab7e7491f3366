package io.sensepulse.sources.aranet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AranetAdvertsTest {

  private static AranetAdvertisement parse(String hex, String name) {
    return AranetAdverts.parse(Hex.decode(hex), name);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"Aranet4 12345", "some other name"})
  void aranet4VendorVectorWithOrWithoutName(String name) {
    AranetAdvertisement advert = parse(Vectors.ARANET4, name);
    assertEquals(AranetType.ARANET4, advert.type());
    assertEquals("Aranet4", advert.type().model());
    assertEquals("v1.3.5", advert.version());
    assertTrue(advert.integrations());
    assertEquals(1091, advert.co2());
    assertEquals(20.8, advert.temperature());
    assertEquals(53.0, advert.humidity());
    assertEquals(1012.3, advert.pressure());
    assertEquals(12, advert.battery());
    assertEquals("yellow", advert.status());
    assertEquals(60, advert.interval());
    assertEquals(16, advert.age());
    assertEquals("not_active", advert.calibration());
    assertTrue(advert.disconnected());
    assertFalse(advert.dfu());
    assertNull(advert.radon());
    assertNull(advert.counter());
  }

  @Test
  void aranet2VendorVector() {
    AranetAdvertisement advert = parse(Vectors.ARANET2, "Aranet2 278F8");
    assertEquals(AranetType.ARANET2, advert.type());
    assertEquals("v1.4.4", advert.version());
    assertEquals(20.5, advert.temperature());
    assertEquals(52.2, advert.humidity());
    assertEquals(59, advert.battery());
    assertEquals(82, advert.age());
    assertEquals(120, advert.interval());
    assertEquals(100, advert.counter());
    assertEquals("off", advert.temperatureStatus());
    assertEquals("off", advert.humidityStatus());
    assertNull(advert.co2());
    assertNull(advert.pressure());
    assertEquals(advert, parse(Vectors.ARANET2, null), "the type byte decides without a name");
  }

  @Test
  void radiationVendorVector() {
    AranetAdvertisement advert = parse(Vectors.RADIATION, null);
    assertEquals(AranetType.ARANET_RADIATION, advert.type());
    assertEquals("Aranet Radiation", advert.type().model());
    assertEquals("v1.4.38", advert.version());
    assertEquals(130, advert.radiationRate());
    assertEquals(13264L, advert.radiationTotal());
    assertEquals(417900L, advert.radiationDuration());
    assertEquals(99, advert.battery());
    assertEquals(88, advert.age());
    assertEquals(300, advert.interval());
    assertNull(advert.temperature());
  }

  @Test
  void radonVendorVector() {
    AranetAdvertisement advert = parse(Vectors.RADON, "AranetRn 298C9");
    assertEquals(AranetType.ARANET_RADON, advert.type());
    assertEquals("Aranet Radon Plus", advert.type().model());
    assertEquals("v1.6.4", advert.version());
    assertEquals(25.5, advert.temperature());
    assertEquals(46.2, advert.humidity());
    assertEquals(1018.5, advert.pressure());
    assertEquals(7, advert.radon());
    assertEquals(100, advert.battery());
    assertEquals("green", advert.status());
    assertEquals(502, advert.age());
    assertEquals(600, advert.interval());
    assertEquals(8, advert.counter());
  }

  @ParameterizedTest
  @ValueSource(strings = {Vectors.ARANET4_NO_INTEGRATIONS, Vectors.ARANET2_NO_INTEGRATIONS,
      Vectors.RADIATION_NO_INTEGRATIONS})
  void integrationsOffGivesTheHeaderAndNoMeasurements(String hex) {
    AranetAdvertisement advert = parse(hex, null);
    assertFalse(advert.integrations());
    assertNull(advert.battery());
    assertNull(advert.temperature());
    assertNull(advert.co2());
    assertNull(advert.radiationRate());
  }

  @Test
  void integrationsOffVersionsAndTypesAreTheVendors() {
    assertEquals("v1.2.0", parse(Vectors.ARANET4_NO_INTEGRATIONS, "Aranet4 12345").version());
    assertEquals(AranetType.ARANET4, parse(Vectors.ARANET4_NO_INTEGRATIONS, "Aranet4 12345").type());
    assertEquals("v1.4.4", parse(Vectors.ARANET2_NO_INTEGRATIONS, null).version());
    assertEquals(AranetType.ARANET_RADIATION, parse(Vectors.RADIATION_NO_INTEGRATIONS, null).type());
    assertEquals("v1.4.38", parse(Vectors.RADIATION_NO_INTEGRATIONS, null).version());
  }

  @Test
  void tooShortForAnyAdvertIsAClearError() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> parse(Vectors.ARANET4_BAD, "Aranet4 12345"));
    assertEquals("Aranet manufacturer data is 3 bytes; an advert has at least 5", error.getMessage());
  }

  @Test
  void truncatedMeasurementsAreAClearError() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> parse(Vectors.ARANET4_SHORT, "Aranet4 12345"));
    assertEquals("Aranet4 advert (firmware v1.3.5) is 20 bytes; its measurements need 21"
        + " (truncated advert, or firmware too old for integrations)", error.getMessage());
  }

  @Test
  void oldFirmwareWithoutMeasurementsIsAClearError() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> parse(Vectors.ARANET4_OLD_FW, "Aranet4 12345"));
    assertTrue(error.getMessage().startsWith("Aranet4 advert (firmware v0.4.10) is 7 bytes"), error.getMessage());
  }

  @Test
  void unknownTypeByteIsAClearError() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> parse("0921040601000000", null));
    assertTrue(error.getMessage().startsWith("unknown Aranet device type byte 9"), error.getMessage());
  }

  @Test
  void aranet4InvalidMarkersBecomeNull() {
    byte[] data = Hex.decode(Vectors.ARANET4);
    data[9] |= (byte) 0x80; // CO2 bit 15
    data[11] |= 0x40; // temperature bit 14
    data[13] |= (byte) 0x80; // pressure bit 15
    AranetAdvertisement advert = AranetAdverts.parse(data, null);
    assertNull(advert.co2());
    assertNull(advert.temperature());
    assertNull(advert.pressure());
    assertEquals(53.0, advert.humidity());
    assertEquals(12, advert.battery());
  }

  @Test
  void radonAndTwoByteHumidityInvalidMarkersBecomeNull() {
    byte[] radon = Hex.decode(Vectors.RADON);
    radon[8] = 0x01; // 0x1f01: no data yet
    radon[9] = 0x1f;
    radon[15] |= (byte) 0x80; // humidity bit 15
    AranetAdvertisement advert = AranetAdverts.parse(radon, null);
    assertNull(advert.radon());
    assertNull(advert.humidity());
    assertEquals(25.5, advert.temperature());
  }
}

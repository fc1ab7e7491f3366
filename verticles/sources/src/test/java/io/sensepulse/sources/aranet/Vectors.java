package io.sensepulse.sources.aranet;

/**
 * Manufacturer data (company 0x0702) published by the vendor's Python library, Anrijs/Aranet4-Python,
 * tests/test_advertisements.py (TEST_DATA_ARANET_4, _2, _RADIATION, _RADON), as hex.
 */
final class Vectors {
  private Vectors() {}

  /** Name "Aranet4 12345": v1.3.5, 1091 ppm, 20.8 °C, 53 %, 1012.3 hPa, 12 %, interval 60, age 16. */
  static final String ARANET4 = "210503010005000143049f018b27350c023c00100055";
  /** The same advert with its last two bytes cut off. */
  static final String ARANET4_SHORT = "210503010005000143049f018b27350c023c0010";
  /** v0.4.10: integrations bit set, but no measurements in the advert. */
  static final String ARANET4_OLD_FW = "210a0400000000";
  /** v1.2.0, integrations off. */
  static final String ARANET4_NO_INTEGRATIONS = "01000201000000";
  static final String ARANET4_BAD = "010002";
  /** Name "Aranet2 278F8": v1.4.4, 20.5 °C, 52.2 %, 59 %, interval 120, age 82. */
  static final String ARANET2 = "01210404010000000000990100000a02003b007800520064";
  static final String ARANET2_NO_INTEGRATIONS = "01010404010000000000990100000a02003b007800520064";
  /** Name "Aranet☢ 27DB3": v1.4.38, rate 130, total 13264, duration 417900, 99 %, interval 300, age 88. */
  static final String RADIATION = "022126040100d03300006c60060082000063002c01580072";
  static final String RADIATION_NO_INTEGRATIONS = "020126040100d03300006c60060082000063002c01580072";
  /** Name "AranetRn 298C9": v1.6.4, 7 Bq/m³, 25.5 °C, 46.2 %, 1018.5 hPa, 100 %, interval 600, age 502. */
  static final String RADON = "03210406010000000700fe01c927ce010064015802f60108";
}

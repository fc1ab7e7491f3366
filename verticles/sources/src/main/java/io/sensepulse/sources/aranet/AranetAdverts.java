package io.sensepulse.sources.aranet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Decodes the manufacturer data (company 0x0702, SAF Tehnika) that Aranet devices advertise, with the
 * layouts and invalid-value markers of the vendor's Python library (aranet4/client.py). Offsets below
 * count from the type byte; an Aranet4 advert has none, so a 0 is put in front first, as the vendor does.
 */
public final class AranetAdverts {
  private AranetAdverts() {}

  /** The Bluetooth SIG company identifier of SAF Tehnika, the key of the manufacturer data. */
  public static final int COMPANY_ID = 0x0702;
  /** Shorter manufacturer data is not an Aranet advert at all (the vendor's own bound). */
  public static final int MIN_LENGTH = 5;

  private static final List<String> NAME_PREFIXES = List.of("Aranet4", "Aranet2", "Aranet\u2622", "AranetRn");
  private static final int INTEGRATIONS_BIT = 5;

  /**
   * @param data the manufacturer data for {@link #COMPANY_ID}, without the company id
   * @param name the advertised name, or null: a passive scan often has none
   * @throws IllegalArgumentException when the data is too short or of an unknown device type
   */
  public static AranetAdvertisement parse(byte[] data, String name) {
    if (data.length < MIN_LENGTH) {
      throw new IllegalArgumentException("Aranet manufacturer data is " + data.length + " bytes; an advert has at least "
          + MIN_LENGTH);
    }
    boolean knownName = name != null && NAME_PREFIXES.stream().anyMatch(name::startsWith);
    // Without a usable name, the vendor tells an Aranet4 by the only lengths it sends: 7 (no measurements) and 22.
    boolean aranet4 = knownName ? name.startsWith("Aranet4") : data.length == 7 || data.length == 22;
    ByteBuffer bytes = ByteBuffer.allocate(data.length + (aranet4 ? 1 : 0)).order(ByteOrder.LITTLE_ENDIAN);
    if (aranet4) {
      bytes.put((byte) 0);
    }
    bytes.put(data).flip();

    AranetType type = AranetType.ofCode(u8(bytes, 0));
    int flags = u8(bytes, 1);
    String version = "v" + u8(bytes, 4) + "." + u8(bytes, 3) + "." + u8(bytes, 2);
    boolean integrations = (flags & (1 << INTEGRATIONS_BIT)) != 0;
    Header header = new Header(type, version, integrations, (flags & 1) != 0,
        List.of("not_active", "end_request", "in_progress", "error").get((flags >> 2) & 3), (flags & (1 << 4)) != 0);
    if (!integrations) {
      return header.withoutMeasurements();
    }
    int needed = type == AranetType.ARANET4 ? 22 : 24;
    if (bytes.limit() < needed) {
      int sent = data.length;
      int wanted = needed - (aranet4 ? 1 : 0);
      throw new IllegalArgumentException(type.model() + " advert (firmware " + version + ") is " + sent
          + " bytes; its measurements need " + wanted + " (truncated advert, or firmware too old for integrations)");
    }
    return switch (type) {
      case ARANET4 -> header.with(co2(u16(bytes, 9)), temperature(u16(bytes, 11)), (double) u8(bytes, 15),
          pressure(u16(bytes, 13)), u8(bytes, 16), colour(u8(bytes, 17)), null, null,
          u16(bytes, 18), u16(bytes, 20), null, null, null, null, null);
      case ARANET2 -> header.with(null, temperature(u16(bytes, 10)), tenths(u16(bytes, 14)), null, u8(bytes, 17),
          null, alert((u8(bytes, 18) >> 2) & 3), alert(u8(bytes, 18) & 3),
          u16(bytes, 19), u16(bytes, 21), u8(bytes, 23), null, null, null, null);
      case ARANET_RADIATION -> header.with(null, null, null, null, u8(bytes, 17), null, null, null,
          u16(bytes, 19), u16(bytes, 21), u8(bytes, 23), null, u16(bytes, 14), u32(bytes, 6), u32(bytes, 10));
      case ARANET_RADON -> header.with(null, temperature(u16(bytes, 10)), tenths(u16(bytes, 14)),
          pressure(u16(bytes, 12)), u8(bytes, 17), colour(u8(bytes, 18)), null, null,
          u16(bytes, 19), u16(bytes, 21), u8(bytes, 23), radon(u16(bytes, 8)), null, null, null);
    };
  }

  private record Header(AranetType type, String version, boolean integrations, boolean disconnected,
      String calibration, boolean dfu) {
    AranetAdvertisement withoutMeasurements() {
      return with(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    AranetAdvertisement with(Integer co2, Double temperature, Double humidity, Double pressure, Integer battery,
        String status, String temperatureStatus, String humidityStatus, Integer interval, Integer age, Integer counter,
        Integer radon, Integer radiationRate, Long radiationTotal, Long radiationDuration) {
      return new AranetAdvertisement(type, version, integrations, disconnected, calibration, dfu, co2, temperature,
          humidity, pressure, battery, status, temperatureStatus, humidityStatus, interval, age, counter, radon,
          radiationRate, radiationTotal, radiationDuration);
    }
  }

  /** Bit 15 marks an invalid CO2 value (e.g. during calibration). */
  private static Integer co2(int raw) {
    return (raw & 0x8000) != 0 ? null : raw;
  }

  /** Units of 0.05 °C; bit 14 marks an invalid value. */
  private static Double temperature(int raw) {
    return (raw & 0x4000) != 0 ? null : round1(BigDecimal.valueOf(raw).multiply(new BigDecimal("0.05")));
  }

  /** Units of 0.1 hPa; bit 15 marks an invalid value. */
  private static Double pressure(int raw) {
    return tenths(raw);
  }

  /** Units of 0.1 (hPa, or % for the two-byte humidity); bit 15 marks an invalid value. */
  private static Double tenths(int raw) {
    return (raw & 0x8000) != 0 ? null : round1(BigDecimal.valueOf(raw, 1));
  }

  /** Bq/m³; 0x1f00 and above are error codes (general error, no data yet, high humidity in the chamber). */
  private static Integer radon(int raw) {
    return raw >= 0x1f00 ? null : raw;
  }

  // The vendor rounds to one decimal; exact decimal arithmetic with half-up gives its results on its vectors.
  private static double round1(BigDecimal value) {
    return value.setScale(1, RoundingMode.HALF_UP).doubleValue();
  }

  private static String colour(int raw) {
    return raw < 4 ? List.of("error", "green", "yellow", "red").get(raw) : "unknown";
  }

  private static String alert(int raw) {
    return List.of("off", "under", "over", "dash").get(raw);
  }

  private static int u8(ByteBuffer bytes, int at) {
    return Byte.toUnsignedInt(bytes.get(at));
  }

  private static int u16(ByteBuffer bytes, int at) {
    return Short.toUnsignedInt(bytes.getShort(at));
  }

  private static long u32(ByteBuffer bytes, int at) {
    return Integer.toUnsignedLong(bytes.getInt(at));
  }
}

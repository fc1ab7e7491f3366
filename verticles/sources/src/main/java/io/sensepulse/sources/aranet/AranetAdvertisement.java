package io.sensepulse.sources.aranet;

/**
 * One decoded Aranet advert (manufacturer data of company 0x0702). Header fields are always set;
 * measurements are present only when {@link #integrations()} is on, and are null where the device
 * sent its invalid-value marker or where the device type does not measure them.
 *
 * @param version firmware version, {@code v{major}.{minor}.{patch}}
 * @param integrations the "Smart Home integrations" switch of the Aranet app; off means no measurements
 * @param disconnected flags bit 0
 * @param calibration flags bits 2-3: not_active, end_request, in_progress, error
 * @param dfu flags bit 4: a firmware update is in progress
 * @param co2 ppm (Aranet4)
 * @param temperature °C, to 0.1
 * @param humidity % (whole for Aranet4, 0.1 for Aranet2 and Radon)
 * @param pressure hPa (= mbar), to 0.1
 * @param battery %
 * @param status the display colour of Aranet4 and Radon: error, green, yellow, red
 * @param temperatureStatus Aranet2 alert state of temperature: off, under, over, dash
 * @param humidityStatus Aranet2 alert state of humidity: off, under, over, dash
 * @param interval seconds between measurements
 * @param age seconds since the last measurement
 * @param counter the advert counter (Aranet2, Radiation, Radon)
 * @param radon Bq/m³ (Radon)
 * @param radiationRate nSv/h (Radiation)
 * @param radiationTotal nSv over {@code radiationDuration} (Radiation)
 * @param radiationDuration seconds (Radiation)
 */
public record AranetAdvertisement(
    AranetType type,
    String version,
    boolean integrations,
    boolean disconnected,
    String calibration,
    boolean dfu,
    Integer co2,
    Double temperature,
    Double humidity,
    Double pressure,
    Integer battery,
    String status,
    String temperatureStatus,
    String humidityStatus,
    Integer interval,
    Integer age,
    Integer counter,
    Integer radon,
    Integer radiationRate,
    Long radiationTotal,
    Long radiationDuration) {}

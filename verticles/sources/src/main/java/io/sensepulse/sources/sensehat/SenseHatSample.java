package io.sensepulse.sources.sensehat;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One read of the HAT's sensors in the units users expect.
 *
 * @param pressureHpa from the lps25h, empty when it is missing
 * @param humidityPercent from the hts221, empty when it is missing
 * @param temperaturesCelsius each present sensor's temperature, the HAT's own heat included
 * @param missing names of the expected IIO devices not found
 * @param unreadable why a device that is present gave no value
 */
public record SenseHatSample(
    OptionalDouble pressureHpa, OptionalDouble humidityPercent, List<Double> temperaturesCelsius, List<String> missing,
    List<String> unreadable) {}

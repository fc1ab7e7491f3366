package io.sensepulse.rig.guard;

/**
 * The thresholds of the guard rails, from the recorder settings.
 *
 * @param bytesPerMinute what a minute of recording takes at the configured bitrate
 * @param minFreeMinutes the recording time the free space must hold
 */
public record GuardLimits(double bytesPerMinute, int minFreeMinutes, double maxTemperatureC, int batteryWarn,
    int batteryBlock, double maxOffsetMs) {}

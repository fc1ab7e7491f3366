package io.sensepulse.rig.guard;

/**
 * What this node knows just before a start, as read by {@link NodeProbe}.
 *
 * @param cameraProblem why the camera is missing, or null when it is there
 * @param storageProblem why the data folder cannot take a recording (missing, not writable), or null
 * @param freeBytes usable bytes in the recordings folder, or -1 when unknown
 * @param temperatureC the CPU's temperature, or null where there is no thermal zone
 * @param batteryPercent the battery's level, or null when none is configured or readable
 * @param offsetMs this node's clock minus CAM_C's, or null until the sync has measured it
 */
public record GuardFacts(String cameraProblem, String storageProblem, boolean storageMissing, long freeBytes,
    Double temperatureC, Double batteryPercent, Double offsetMs) {}

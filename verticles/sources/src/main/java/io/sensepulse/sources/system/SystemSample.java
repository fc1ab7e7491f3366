package io.sensepulse.sources.system;

import java.util.Optional;

/**
 * One read of the system files. The /proc files are present on every Linux system; the rest is
 * empty where the machine has no such thing (no thermal zone, not a Raspberry Pi).
 */
public record SystemSample(
    CpuTimes cpu,
    MemInfo memory,
    LoadAverage load,
    Uptime uptime,
    Optional<DiskUsage> disk,
    Optional<Temperature> temperature,
    Optional<ThrottledFlags> throttled) {}

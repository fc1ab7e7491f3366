package io.sensepulse.rig.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Decides whether a recording may start: each refusal with its reason, and warnings that do not block. */
public final class GuardRails {
  private GuardRails() {}

  /** Stable codes a coordinator or dashboard can act on. */
  public enum Reason {
    CAMERA_MISSING, STORAGE_MISSING, STORAGE_NOT_WRITABLE, STORAGE_LOW, TEMPERATURE_HIGH, BATTERY_CRITICAL, CLOCK_OFFSET;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public record Refusal(Reason reason, String message) {}

  public record Verdict(List<Refusal> refusals, List<String> warnings) {
    public boolean allowed() {
      return refusals.isEmpty();
    }
  }

  public static final String CLOCK_NOT_SYNCHRONISED = "clock not synchronised yet";

  public static Verdict evaluate(GuardFacts facts, GuardLimits limits) {
    List<Refusal> refusals = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (facts.cameraProblem() != null) {
      refusals.add(new Refusal(Reason.CAMERA_MISSING, "camera missing: " + facts.cameraProblem()));
    }
    if (facts.storageProblem() != null) {
      refusals.add(facts.storageMissing()
          ? new Refusal(Reason.STORAGE_MISSING, "storage missing: " + facts.storageProblem())
          : new Refusal(Reason.STORAGE_NOT_WRITABLE, "storage not writable: " + facts.storageProblem()));
    } else if (facts.freeBytes() >= 0) {
      double needed = limits.bytesPerMinute() * limits.minFreeMinutes();
      if (facts.freeBytes() < needed) {
        refusals.add(new Refusal(Reason.STORAGE_LOW, String.format(Locale.ROOT,
            "not enough free space: %.1f GB free, %d minutes at the configured bitrate need %.1f GB",
            facts.freeBytes() / 1e9, limits.minFreeMinutes(), needed / 1e9)));
      }
    }
    if (facts.temperatureC() != null && facts.temperatureC() >= limits.maxTemperatureC()) {
      refusals.add(new Refusal(Reason.TEMPERATURE_HIGH, String.format(Locale.ROOT,
          "CPU temperature %.1f C is at or above %.1f C", facts.temperatureC(), limits.maxTemperatureC())));
    }
    if (facts.batteryPercent() != null) {
      if (facts.batteryPercent() <= limits.batteryBlock()) {
        refusals.add(new Refusal(Reason.BATTERY_CRITICAL, String.format(Locale.ROOT,
            "battery %.0f %% is at or below %d %%", facts.batteryPercent(), limits.batteryBlock())));
      } else if (facts.batteryPercent() <= limits.batteryWarn()) {
        warnings.add(String.format(Locale.ROOT, "battery low: %.0f %%", facts.batteryPercent()));
      }
    }
    if (facts.offsetMs() == null) {
      // Unknown is not wrong: the first start after boot may come before the first measurement.
      warnings.add(CLOCK_NOT_SYNCHRONISED);
    } else if (Math.abs(facts.offsetMs()) > limits.maxOffsetMs()) {
      refusals.add(new Refusal(Reason.CLOCK_OFFSET, String.format(Locale.ROOT,
          "clock offset %.1f ms to CAM_C is above %.1f ms", facts.offsetMs(), limits.maxOffsetMs())));
    }
    return new Verdict(List.copyOf(refusals), List.copyOf(warnings));
  }
}

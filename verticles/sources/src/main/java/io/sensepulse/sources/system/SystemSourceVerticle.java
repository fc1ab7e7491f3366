package io.sensepulse.sources.system;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.source.EphemeralSourceVerticle;
import io.sensepulse.common.source.Source;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The system source as an ephemeral verticle: the node agent deploys it by its catalogue name
 * {@code source.system}, it polls once and undeploys itself. Config: the node settings
 * ({@code proc_root}, {@code sys_root}, {@code data_dir}) plus {@code run} and {@code refresh_interval}.
 */
public class SystemSourceVerticle extends EphemeralSourceVerticle {
  /** The first run in a JVM has no previous /proc/stat snapshot and waits this long for a second one. */
  static final Duration FIRST_RUN_WINDOW = Duration.ofMillis(500);
  /** Past this many refresh intervals the previous snapshot is from a gap in the runs, not the last one. */
  private static final int STALE_AFTER_INTERVALS = 3;

  @Override
  protected Source createSource(JsonObject config) {
    PulseSettings settings = PulseSettings.from(config);
    int refreshSeconds = PulseSettings.intIn(config, "refresh_interval", 30, 1, 86_400);
    return new SystemSource(
        vertx,
        new SystemFiles(settings.procRoot(), settings.sysRoot(), settings.dataDir()),
        new CpuHistory(vertx, settings.procRoot()),
        FIRST_RUN_WINDOW,
        Duration.ofSeconds((long) STALE_AFTER_INTERVALS * refreshSeconds));
  }
}

package io.sensepulse.sources.tailscale;

import io.sensepulse.common.source.EphemeralSourceVerticle;
import io.sensepulse.common.source.Source;
import io.vertx.core.json.JsonObject;

/**
 * The tailscale source as an ephemeral verticle, catalogue name {@code source.tailscale}.
 * Config: {@code tailscale} ({@link TailscaleConfig}) plus {@code run} and {@code refresh_interval}.
 */
public class TailscaleSourceVerticle extends EphemeralSourceVerticle {
  @Override
  protected Source createSource(JsonObject config) {
    return new TailscaleSource(vertx, TailscaleConfig.from(config));
  }
}

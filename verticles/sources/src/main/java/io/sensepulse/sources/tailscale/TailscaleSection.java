package io.sensepulse.sources.tailscale;

import io.sensepulse.common.ConfigSection;
import io.vertx.core.json.JsonObject;

/** Registers {@code config:tailscale} with its validator (see META-INF/services). */
public final class TailscaleSection implements ConfigSection {
  @Override
  public String name() {
    return TailscaleSource.ID;
  }

  @Override
  public JsonObject validate(JsonObject document) {
    return TailscaleConfig.validate(document);
  }
}

package io.sensepulse.sources.pihole;

import io.sensepulse.common.ConfigSection;
import io.vertx.core.json.JsonObject;

/** Registers {@code config:pihole} with its validator (see META-INF/services). */
public final class PiholeSection implements ConfigSection {
  @Override
  public String name() {
    return PiholeSource.ID;
  }

  @Override
  public JsonObject validate(JsonObject document) {
    return PiholeConfig.validate(document);
  }
}

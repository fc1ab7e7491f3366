package io.sensepulse.sources.aranet;

import io.sensepulse.common.ConfigSection;
import io.vertx.core.json.JsonObject;

/** Registers {@code config:aranet4} with its validator (see META-INF/services). */
public final class AranetSection implements ConfigSection {
  @Override
  public String name() {
    return Aranet4Source.ID;
  }

  @Override
  public JsonObject validate(JsonObject document) {
    return AranetConfig.validate(document);
  }
}

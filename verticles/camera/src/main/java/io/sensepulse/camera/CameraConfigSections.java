package io.sensepulse.camera;

import io.sensepulse.common.ConfigSectionProvider;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The {@code config:camera} section and its validator (see META-INF/services). */
public final class CameraConfigSections implements ConfigSectionProvider {
  @Override
  public Map<String, UnaryOperator<JsonObject>> sections() {
    return Map.of(CameraConfig.SECTION, CameraConfig::validate);
  }
}

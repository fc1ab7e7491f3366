package io.sensepulse.common;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@code config:{section}} documents a module brings, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.sensepulse.common.ConfigSectionProvider}), so common need not know
 * every source's configuration. A source's own section is named after the source id.
 */
public interface ConfigSectionProvider {
  /**
   * Section name to validator: the normalised document, or IllegalArgumentException with a
   * message fit for the user (never echoing secrets).
   */
  Map<String, UnaryOperator<JsonObject>> sections();
}

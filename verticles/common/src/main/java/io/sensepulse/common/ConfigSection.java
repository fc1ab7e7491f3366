package io.sensepulse.common;

import io.vertx.core.json.JsonObject;

/**
 * A {@code config:{section}} document that a module brings, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.sensepulse.common.ConfigSection}), so common need not know every
 * source's configuration. A source's own section is named after the source id.
 */
public interface ConfigSection {
  String name();

  /** The normalised document, or IllegalArgumentException with a message fit for the user (never echoing secrets). */
  JsonObject validate(JsonObject document);
}

package io.sensepulse.common.source;

import io.sensepulse.common.Reading;
import io.vertx.core.Future;
import java.util.List;

/**
 * A data source: one poll of its device or service. Implementations keep device I/O off the event
 * loop (executeBlocking or non-blocking clients) and leave format parsing to pure classes.
 */
public interface Source {
  /** The source id: the {@code {id}} of {@code source:{id}:{sensor}} and {@code data.{id}}. */
  String id();

  Future<List<Reading>> poll();
}

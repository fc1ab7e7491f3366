package io.sensepulse.sources.pihole;

import io.sensepulse.common.Reading;
import io.sensepulse.common.source.Source;
import io.vertx.core.Future;
import java.util.List;

/** Pi-hole's counters for the last 24 hours and its blocking state; see {@link PiholeReadings}. */
public final class PiholeSource implements Source {
  public static final String ID = "pihole";

  private final PiholeClient client;

  public PiholeSource(PiholeClient client) {
    this.client = client;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Future<List<Reading>> poll() {
    return client.stats().map(stats -> PiholeReadings.of(stats, System.currentTimeMillis() / 1000.0));
  }
}

package io.sensepulse.common.source;

import io.sensepulse.common.node.VerticleCatalog;
import java.util.List;
import java.util.Optional;

/** The sources the orchestrator knows: id, the catalogue name of its verticle, and its pattern. */
public final class SourceCatalog {
  private SourceCatalog() {}

  public record Entry(String id, String verticle, SourcePattern pattern) {}

  public static final List<Entry> ALL = List.of(
      new Entry("system", VerticleCatalog.SYSTEM_SOURCE, SourcePattern.EPHEMERAL),
      new Entry("pihole", VerticleCatalog.PIHOLE_SOURCE, SourcePattern.EPHEMERAL),
      new Entry("tailscale", VerticleCatalog.TAILSCALE_SOURCE, SourcePattern.EPHEMERAL),
      new Entry("weather", VerticleCatalog.WEATHER_SOURCE, SourcePattern.EPHEMERAL),
      new Entry("aranet4", VerticleCatalog.ARANET4_SOURCE, SourcePattern.EPHEMERAL),
      new Entry("sense_hat", VerticleCatalog.SENSE_HAT, SourcePattern.PERSISTENT));

  public static Optional<Entry> find(String id) {
    return ALL.stream().filter(entry -> entry.id().equals(id)).findFirst();
  }
}

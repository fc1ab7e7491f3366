package io.sensepulse.common.source;

import io.sensepulse.common.node.NodeCapabilities;
import io.sensepulse.common.node.VerticleCatalog;
import java.util.List;
import java.util.Optional;

/**
 * The sources the orchestrator knows: id, the catalogue name of its verticle, its pattern, and the
 * hardware it needs. The Sense HAT source is persistent: the launcher of the node that has the HAT
 * deploys it.
 */
public final class SourceCatalog {
  private SourceCatalog() {}

  /**
   * @param requires the node capability the source needs ({@link NodeCapabilities}), or null when
   *     any node (the orchestrator's own) will do
   */
  public record Entry(String id, String verticle, SourcePattern pattern, String requires) {
    public Entry(String id, String verticle, SourcePattern pattern) {
      this(id, verticle, pattern, null);
    }
  }

  public static final List<Entry> ALL = List.of(
      new Entry("system", VerticleCatalog.SYSTEM_SOURCE, SourcePattern.EPHEMERAL),
      new Entry("pihole", VerticleCatalog.PIHOLE_SOURCE, SourcePattern.EPHEMERAL),
      new Entry("tailscale", VerticleCatalog.TAILSCALE_SOURCE, SourcePattern.EPHEMERAL),
      new Entry("weather", VerticleCatalog.WEATHER_SOURCE, SourcePattern.EPHEMERAL),
      new Entry("aranet4", VerticleCatalog.ARANET4_SOURCE, SourcePattern.EPHEMERAL, NodeCapabilities.BLE),
      new Entry("sense_hat", VerticleCatalog.SENSE_HAT, SourcePattern.PERSISTENT, NodeCapabilities.SENSE_HAT));

  public static Optional<Entry> find(String id) {
    return ALL.stream().filter(entry -> entry.id().equals(id)).findFirst();
  }
}

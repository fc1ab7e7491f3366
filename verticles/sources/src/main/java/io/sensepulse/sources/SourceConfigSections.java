package io.sensepulse.sources;

import io.sensepulse.common.ConfigSectionProvider;
import io.sensepulse.sources.aranet.Aranet4Source;
import io.sensepulse.sources.aranet.AranetConfig;
import io.sensepulse.sources.pihole.PiholeConfig;
import io.sensepulse.sources.pihole.PiholeSource;
import io.sensepulse.sources.sensehat.SenseHatConfig;
import io.sensepulse.sources.tailscale.TailscaleConfig;
import io.sensepulse.sources.tailscale.TailscaleSource;
import io.sensepulse.sources.weather.WeatherConfig;
import io.sensepulse.sources.weather.WeatherSource;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Each source's {@code config:{id}} section and its validator (see META-INF/services). */
public final class SourceConfigSections implements ConfigSectionProvider {
  @Override
  public Map<String, UnaryOperator<JsonObject>> sections() {
    return Map.of(
        PiholeSource.ID, PiholeConfig::validate,
        TailscaleSource.ID, TailscaleConfig::validate,
        WeatherSource.ID, WeatherConfig::validate,
        Aranet4Source.ID, AranetConfig::validate,
        SenseHatConfig.SECTION, section -> {
          SenseHatConfig.from(section);
          return section;
        });
  }
}

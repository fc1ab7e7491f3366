package io.sensepulse.sources.pihole;

import io.sensepulse.common.Reading;
import io.sensepulse.common.source.EphemeralSourceVerticle;
import io.sensepulse.common.source.Source;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/**
 * The Pi-hole source as an ephemeral verticle, deployed by its catalogue name for one poll.
 * Config: the {@code config:pihole} section under {@code pihole} (see {@link PiholeConfig}) plus
 * {@code run} and {@code refresh_interval}.
 */
public class PiholeSourceVerticle extends EphemeralSourceVerticle {
  public static final String CONFIG_KEY = "pihole";

  private WebClient web;

  @Override
  protected Source createSource(JsonObject config) {
    PiholeConfig pihole;
    try {
      pihole = PiholeConfig.from(config.getValue(CONFIG_KEY) instanceof JsonObject section ? section : null);
    } catch (IllegalArgumentException badConfig) {
      // A run that fails with the reason lands in status:pihole, where the user looks; a failed deployment would not.
      return new Source() {
        @Override
        public String id() {
          return PiholeSource.ID;
        }

        @Override
        public Future<List<Reading>> poll() {
          return Future.failedFuture(badConfig);
        }
      };
    }
    web = WebClient.create(vertx, PiholeClient.options(pihole));
    return new PiholeSource(new PiholeClient(vertx, web, pihole));
  }

  @Override
  public Future<?> stop() {
    if (web != null) {
      web.close();
    }
    return Future.succeededFuture();
  }
}

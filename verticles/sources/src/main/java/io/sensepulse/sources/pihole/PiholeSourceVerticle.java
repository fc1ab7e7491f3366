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
 * {@code run} and {@code refresh_interval}. Job {@value #BLOCKING_JOB} {@code {enabled, timer}}: turns
 * blocking on or off (the pihole_blocking command), see {@link PiholeCommands#setBlocking}.
 */
public class PiholeSourceVerticle extends EphemeralSourceVerticle {
  public static final String CONFIG_KEY = "pihole";
  public static final String BLOCKING_JOB = "blocking";

  private WebClient web;
  private PiholeConfig pihole;
  private IllegalArgumentException badConfig;

  @Override
  protected Source createSource(JsonObject config) {
    try {
      pihole = PiholeConfig.from(config.getValue(CONFIG_KEY) instanceof JsonObject section ? section : null);
    } catch (IllegalArgumentException e) {
      badConfig = e;
      // A run that fails with the reason lands in status:pihole, where the user looks; a failed deployment would not.
      return new Source() {
        @Override
        public String id() {
          return PiholeSource.ID;
        }

        @Override
        public Future<List<Reading>> poll() {
          return Future.failedFuture(e);
        }
      };
    }
    web = WebClient.create(vertx, PiholeClient.options(pihole));
    return new PiholeSource(new PiholeClient(vertx, web, pihole));
  }

  /** {@code {enabled: bool, timer: seconds|null}} to {@code {blocking, timer}}. */
  @Override
  protected Future<JsonObject> job(String mode, JsonObject job) {
    if (!BLOCKING_JOB.equals(mode)) {
      return super.job(mode, job);
    }
    if (badConfig != null) {
      return Future.failedFuture(badConfig);
    }
    if (!(job.getValue("enabled") instanceof Boolean enabled)) {
      return Future.failedFuture(new IllegalArgumentException("'enabled' must be true or false"));
    }
    Object timer = job.getValue("timer");
    if (timer != null && !(timer instanceof Integer)) {
      return Future.failedFuture(new IllegalArgumentException("'timer' must be null or whole seconds"));
    }
    return new PiholeCommands(vertx, web, pihole).setBlocking(enabled, (Integer) timer);
  }

  @Override
  public Future<?> stop() {
    if (web != null) {
      web.close();
    }
    return Future.succeededFuture();
  }
}

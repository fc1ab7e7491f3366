package io.sensepulse.sources.aranet;

import io.sensepulse.common.source.EphemeralSourceVerticle;
import io.sensepulse.common.source.Source;
import io.sensepulse.common.store.StoreClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The Aranet4 source as an ephemeral verticle (id {@code aranet4}): one BLE scan per run. Config: the
 * {@code aranet4} section (see {@link AranetConfig}) plus {@code run} and {@code refresh_interval}.
 * Job {@value #SCAN_JOB}: lists every Aranet nearby into {@code scan:co2} (the scan_aranet4 command).
 */
public class Aranet4SourceVerticle extends EphemeralSourceVerticle {
  public static final String SCAN_JOB = "scan";
  /** The scan key's kind, {@code scan:co2}, as the original services named it. */
  public static final String SCAN_KIND = "co2";

  /** Scans, keeps the result in {@code scan:co2} through the hub's store and returns it. */
  @Override
  protected Future<JsonObject> job(String mode, JsonObject job) {
    if (!SCAN_JOB.equals(mode)) {
      return super.job(mode, job);
    }
    return scan(vertx, config())
        .compose(result -> new StoreClient(vertx.eventBus()).putScan(SCAN_KIND, result).map(result));
  }

  @Override
  protected Source createSource(JsonObject config) {
    return source(vertx, config);
  }

  /** Scan mode for the orchestrator's scan_aranet4 command: the {@code scan:co2} document. */
  public static Future<JsonObject> scan(Vertx vertx, JsonObject config) {
    try {
      return source(vertx, config).scanDevices();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  private static Aranet4Source source(Vertx vertx, JsonObject config) {
    AranetConfig settings = AranetConfig.from(config.getJsonObject(AranetConfig.SECTION, new JsonObject()));
    return new Aranet4Source(new BluezScanner(vertx, settings.busAddress()), settings);
  }
}

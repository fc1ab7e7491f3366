package io.sensepulse.sources.aranet;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** Listens for Bluetooth LE adverts for a while; the seam between the Aranet source and BlueZ. */
public interface BleScanner {
  /** Every device heard during {@code timeout}, with its latest advert; fails when there is no Bluetooth to use. */
  Future<List<Advert>> scan(Duration timeout);
}

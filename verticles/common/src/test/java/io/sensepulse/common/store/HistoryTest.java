package io.sensepulse.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Reading;
import io.sensepulse.common.RedisKeys;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-sensor history, driven by the readings' own timestamps: no clock, no waiting. */
@ExtendWith(VertxExtension.class)
class HistoryTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perTestClass();
  /** The start of a minute. */
  private static final double T0 = 1_699_999_980.0;

  private Store store;

  @BeforeEach
  void connect(Vertx vertx) {
    store = Store.create(vertx, redis.url()).start().await();
  }

  @AfterEach
  void close() {
    store.close().await();
  }

  private void write(String source, Reading... readings) {
    store.writeReadings(source, List.of(readings)).await();
  }

  @Test
  void keepsOneNumericPointAMinuteWithADayTtl() {
    write("air", new Reading("co2", 800, "ppm", T0 + 1), new Reading("label", "good", "", T0 + 1));
    write("air", new Reading("co2", 810, "ppm", T0 + 59));
    write("air", new Reading("co2", 820.5, "ppm", T0 + 60));
    write("air", new Reading("co2", 1, "ppm", T0 + 30), new Reading("flag", true, "", T0 + 30));

    assertEquals(new JsonArray().add(new JsonArray().add(T0 + 1).add(800)).add(new JsonArray().add(T0 + 60).add(820.5)),
        store.history("air", "co2").await(), "one point per minute; an older reading adds nothing");
    assertEquals(new JsonArray(), store.history("air", "label").await(), "text is not charted");
    assertEquals(new JsonArray(), store.history("air", "flag").await());
    long ttl = store.ttl(RedisKeys.history("air", "co2")).await();
    assertTrue(ttl > 86_000 && ttl <= 86_400, "ttl " + ttl);
  }

  @Test
  void isCappedAtADayOfMinutes() {
    Future<Void> writes = Future.succeededFuture();
    for (int minute = 0; minute < 1500; minute++) {
      Reading reading = new Reading("temp", minute, "C", T0 + 60.0 * minute);
      writes = writes.compose(done -> store.writeReadings("cap", List.of(reading)));
    }
    writes.await();
    JsonArray history = store.history("cap", "temp").await();
    assertEquals(RedisKeys.HISTORY_MAX_POINTS, history.size());
    assertEquals(new JsonArray().add(T0 + 60.0 * 60).add(60), history.getJsonArray(0));
    assertEquals(new JsonArray().add(T0 + 60.0 * 1499).add(1499), history.getJsonArray(1439));
  }

  @Test
  void dropsPointsOlderThanADayBeforeTheNewest() {
    write("sparse", new Reading("rain", 1, "mm", T0));
    write("sparse", new Reading("rain", 2, "mm", T0 + 3600));
    write("sparse", new Reading("rain", 3, "mm", T0 + 86_400 + 1800));
    assertEquals(new JsonArray().add(new JsonArray().add(T0 + 3600).add(2)).add(new JsonArray().add(T0 + 86_400 + 1800).add(3)),
        store.history("sparse", "rain").await());
  }
}

package io.sensepulse.sources.system;

import io.sensepulse.common.Reading;
import io.sensepulse.common.source.Source;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * CPU, memory, load, uptime, disk use of the data folder, CPU temperature and the Raspberry Pi
 * throttling flags of the machine it runs on. File reads run on a worker thread.
 */
public final class SystemSource implements Source {
  public static final String ID = "system";

  private final Vertx vertx;
  private final SystemFiles files;
  private final CpuHistory history;
  private final Duration window;
  private final Duration maxAge;

  /**
   * @param window how long to wait for a second /proc/stat snapshot when there is no usable previous one
   * @param maxAge a previous snapshot older than this is not used: CPU % over a long gap says little about now
   */
  SystemSource(Vertx vertx, SystemFiles files, CpuHistory history, Duration window, Duration maxAge) {
    this.vertx = vertx;
    this.files = files;
    this.history = history;
    this.window = window;
    this.maxAge = maxAge;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Future<List<Reading>> poll() {
    return vertx.executeBlocking(files::sample)
        .compose(sample -> cpuPercent(sample.cpu())
            .map(cpu -> SystemReadings.of(sample, cpu, System.currentTimeMillis() / 1000.0)));
  }

  /** CPU % since the previous run in this JVM, or over a short window when there is none to use. */
  private Future<OptionalDouble> cpuPercent(CpuTimes now) {
    long nowNanos = System.nanoTime();
    Optional<CpuTimes> previous = history.recent(nowNanos, maxAge);
    OptionalDouble sincePrevious = previous.isPresent() ? now.busyPercentSince(previous.get()) : OptionalDouble.empty();
    if (sincePrevious.isPresent()) {
      history.remember(now, nowNanos);
      return Future.succeededFuture(sincePrevious);
    }
    return vertx.timer(window.toMillis(), TimeUnit.MILLISECONDS)
        .compose(elapsed -> vertx.executeBlocking(files::cpuTimes))
        .map(later -> {
          history.remember(later, System.nanoTime());
          return later.busyPercentSince(now);
        });
  }
}

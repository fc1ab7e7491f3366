package io.sensepulse.camera;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.media.HlsDir;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * A streamer's config: {@code camera} (one camera's object, as in {@link CameraConfig}), the node's
 * {@code data_dir} and {@code hls_dir} ({@link HlsDir}; the camera writes into {@code <hls_dir>/<id>/}), and
 * the stream settings below, each with its default.
 *
 * @param maxReconnects reconnect attempts in a row before the streamer gives up ({@code max_reconnects}, 5)
 * @param reconnectBaseMs the first attempt's delay, doubled per attempt ({@code reconnect_base_ms}, 1000)
 * @param reconnectMaxMs the longest delay between attempts ({@code reconnect_max_ms}, 30000)
 * @param staleAfterMs a playlist not rewritten for this long means the stream stalled ({@code stale_after_ms}, 10000)
 * @param statusIntervalMs how often the readings and status are written ({@code status_interval_ms}, 5000)
 * @param ffmpeg the ffmpeg executable ({@code ffmpeg}, "ffmpeg" on the PATH)
 * @param ioTimeoutMs how long ffmpeg waits on a silent camera socket ({@code rtsp_timeout_ms}, 5000)
 * @param liveFragmentMs the live view's fragment length ({@code live_fragment_ms}, 200)
 * @param gopCacheBytes the bound of the live view's keyframe cache ({@code gop_cache_bytes}, 2 MiB: a 2 s GOP of 1080p at 8 Mbit/s)
 */
public record StreamerSettings(
    CameraConfig.Camera camera,
    Path dataDir,
    Path hlsDir,
    int maxReconnects,
    int reconnectBaseMs,
    int reconnectMaxMs,
    int staleAfterMs,
    int statusIntervalMs,
    String ffmpeg,
    int ioTimeoutMs,
    int liveFragmentMs,
    int gopCacheBytes) {

  public static final String CAMERA = "camera";
  public static final String HLS_DIR = HlsDir.KEY;
  public static final String MAX_RECONNECTS = "max_reconnects";
  public static final String RECONNECT_BASE_MS = "reconnect_base_ms";
  public static final String RECONNECT_MAX_MS = "reconnect_max_ms";
  public static final String STALE_AFTER_MS = "stale_after_ms";
  public static final String STATUS_INTERVAL_MS = "status_interval_ms";
  public static final String FFMPEG = "ffmpeg";
  public static final String RTSP_TIMEOUT_MS = "rtsp_timeout_ms";
  public static final String LIVE_FRAGMENT_MS = "live_fragment_ms";
  public static final String GOP_CACHE_BYTES = "gop_cache_bytes";
  /** Segments in the rolling HLS playlist: 6 s of 1 s segments, enough for a player to buffer. */
  public static final int PLAYLIST_SIZE = 6;

  /** Reads and checks the config; throws IllegalArgumentException naming the bad key. */
  public static StreamerSettings from(JsonObject config) {
    if (!(config.getValue(CAMERA) instanceof JsonObject camera)) {
      throw new IllegalArgumentException("the streamer needs 'camera': one camera's {id, name, rtsp_url, transport, onvif}");
    }
    Path dataDir = PulseSettings.from(config).dataDir();
    // The rule the gateway and the orchestrator's leftover check use too: absolute, so the pid
    // file's and the orchestrator's command-line checks compare like with like.
    Path hlsDir = HlsDir.of(config);
    Object ffmpeg = config.getValue(FFMPEG, "ffmpeg");
    if (!(ffmpeg instanceof String executable) || executable.isBlank()) {
      throw new IllegalArgumentException(FFMPEG + " must be the ffmpeg executable's name or path");
    }
    int base = PulseSettings.intIn(config, RECONNECT_BASE_MS, 1000, 10, 600_000);
    return new StreamerSettings(
        CameraConfig.camera(camera),
        dataDir,
        hlsDir,
        PulseSettings.intIn(config, MAX_RECONNECTS, 5, 0, 1000),
        base,
        PulseSettings.intIn(config, RECONNECT_MAX_MS, Math.max(30_000, base), base, 3_600_000),
        PulseSettings.intIn(config, STALE_AFTER_MS, 10_000, 2_000, 600_000),
        PulseSettings.intIn(config, STATUS_INTERVAL_MS, 5_000, 100, 3_600_000),
        executable,
        PulseSettings.intIn(config, RTSP_TIMEOUT_MS, 5_000, 500, 120_000),
        PulseSettings.intIn(config, LIVE_FRAGMENT_MS, 200, 40, 2_000),
        PulseSettings.intIn(config, GOP_CACHE_BYTES, 2 * 1024 * 1024, 64 * 1024, 64 * 1024 * 1024));
  }

  /** Where this camera's playlist and segments go. */
  public Path outputDir() {
    return hlsDir.resolve(camera.id());
  }

  public FfmpegCommand command() {
    return new FfmpegCommand(ffmpeg, ioTimeoutMs, liveFragmentMs, PLAYLIST_SIZE);
  }

  /** The delay before reconnect attempt {@code attempt} (1, 2, ...): doubling from the base, capped. */
  public long reconnectDelayMs(int attempt) {
    int doublings = Math.min(attempt - 1, 30);
    return Math.min((long) reconnectBaseMs << doublings, reconnectMaxMs);
  }
}

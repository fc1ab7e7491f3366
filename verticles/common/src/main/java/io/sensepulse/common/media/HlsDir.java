package io.sensepulse.common.media;

import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The node's HLS folder, {@code hls_dir}, as the streamers write it, the gateway serves it and the
 * orchestrator looks for leftover ffmpeg in it: one rule for all three, so they always name the
 * same absolute path. Default {@code <data_dir>/hls}; a relative path is taken under
 * {@code data_dir} (not the working directory, which a service does not choose).
 */
public final class HlsDir {
  private HlsDir() {}

  public static final String KEY = "hls_dir";

  /** Reads and checks {@code hls_dir}; throws IllegalArgumentException naming the key. */
  public static Path of(JsonObject config) {
    Path dataDir = PulseSettings.from(config).dataDir().toAbsolutePath();
    Object configured = config.getValue(KEY);
    if (configured != null && (!(configured instanceof String text) || text.contains("%") || text.contains("\0"))) {
      // '%' would turn into part of ffmpeg's segment name pattern
      throw new IllegalArgumentException(KEY + " must be a folder path without '%'");
    }
    String text = configured == null ? "" : ((String) configured).strip();
    Path hlsDir = text.isEmpty() ? dataDir.resolve("hls") : dataDir.resolve(text);
    if (hlsDir.toString().contains("%")) {
      throw new IllegalArgumentException(PulseSettings.DATA_DIR + " must not contain '%' (it holds " + KEY + ")");
    }
    return hlsDir.normalize();
  }
}

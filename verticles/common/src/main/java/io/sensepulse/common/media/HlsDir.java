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
  /**
   * Characters a streamer's ffmpeg cannot take in the folder's path: '%' would become part of the
   * segment name pattern, the others mean something in its tee muxer's list of outputs.
   */
  static final String REFUSED = "%[]|:\\'";

  /** Reads and checks {@code hls_dir}; throws IllegalArgumentException naming the key. */
  public static Path of(JsonObject config) {
    Path dataDir = PulseSettings.from(config).dataDir().toAbsolutePath();
    Object configured = config.getValue(KEY);
    if (configured != null && !(configured instanceof String)) {
      throw new IllegalArgumentException(KEY + " must be a folder path");
    }
    String text = configured == null ? "" : ((String) configured).strip();
    Path hlsDir = text.isEmpty() ? dataDir.resolve("hls") : dataDir.resolve(text);
    for (char refused : REFUSED.toCharArray()) {
      if (hlsDir.toString().indexOf(refused) >= 0) {
        throw new IllegalArgumentException(KEY + " (" + hlsDir + ") must not contain any of " + REFUSED.chars()
            .mapToObj(c -> String.valueOf((char) c)).collect(java.util.stream.Collectors.joining(" ")));
      }
    }
    return hlsDir.normalize();
  }
}

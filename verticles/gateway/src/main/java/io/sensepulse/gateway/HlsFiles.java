package io.sensepulse.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code GET /hls/{camera}/{file}}: a camera's playlist and segments from the streamers' HLS folder
 * on this node's disk. Nothing outside a camera's own folder is reachable: the name is checked by
 * {@link HlsPaths} and the real path (symbolic links followed) must still lie in the folder. Files
 * are read through Vert.x's file system; only the path resolution runs on a worker. Nothing is
 * cached by the browser: a restarted stream reuses segment names.
 */
final class HlsFiles {
  static final String NO_CACHE = "no-cache";

  /** Tells the viewer count that a client fetched a camera's playlist. */
  @FunctionalInterface
  interface PlaylistListener {
    void fetched(String camera, String client);
  }

  private final Vertx vertx;
  private final Path hlsDir;
  private final PlaylistListener playlists;

  HlsFiles(Vertx vertx, Path hlsDir, PlaylistListener playlists) {
    this.vertx = vertx;
    this.hlsDir = hlsDir.toAbsolutePath().normalize();
    this.playlists = playlists;
  }

  void handle(RoutingContext ctx) {
    HlsPaths.HlsFile file;
    try {
      file = HlsPaths.parse(ctx.request().path());
    } catch (HlsPaths.Refused refused) {
      refuse(ctx, refused.status, refused.getMessage());
      return;
    }
    vertx.executeBlocking(() -> realPath(file), false).onComplete(real -> {
      if (real == null) {
        refuse(ctx, 404, "no such file: camera " + file.camera() + " is not streaming, or " + file.name() + " has gone");
        return;
      }
      ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
          .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
      if (file.isPlaylist()) {
        playlists.fetched(file.camera(), ctx.request().remoteAddress().hostAddress());
        vertx.fileSystem().readFile(real.toString()).onComplete(ctx.response()::end, missing -> gone(ctx, file));
      } else {
        ctx.response().sendFile(real.toString()).onFailure(missing -> gone(ctx, file));
      }
    }, ctx::fail);
  }

  /** The file's real path when it is a regular file inside the camera's real folder; else null. */
  private Path realPath(HlsPaths.HlsFile file) throws java.io.IOException {
    try {
      Path root = hlsDir.toRealPath();
      Path cameraDir = hlsDir.resolve(file.camera()).toRealPath();
      Path real = cameraDir.resolve(file.name()).toRealPath();
      boolean inside = cameraDir.startsWith(root) && real.getParent().equals(cameraDir);
      return inside && Files.isRegularFile(real) ? real : null;
    } catch (NoSuchFileException missing) {
      return null;
    }
  }

  /** ffmpeg deletes old segments as it goes: one can vanish between the check and the read. */
  private static void gone(RoutingContext ctx, HlsPaths.HlsFile file) {
    if (!ctx.response().headWritten()) {
      refuse(ctx, 404, "no such file: " + file.name() + " has gone");
    }
  }

  /** A JSON error, as the API answers, for the media routes. */
  static void refuse(RoutingContext ctx, int status, String message) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    Replies.error(ctx, status, message);
  }
}

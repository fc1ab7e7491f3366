package io.sensepulse.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;

/**
 * The dashboard: the {@code webroot} folder when configured, else the {@code webroot} folder the
 * launcher jar packs on the classpath ({@code index.html} answers {@code /}, StaticHandler's
 * default). Registered last, so every other route wins.
 */
final class StaticFiles {
  private StaticFiles() {}

  static final String CLASSPATH_WEBROOT = "webroot";
  /** Assets may be cached briefly; pages are revalidated so an upgrade shows at once. */
  static final String ASSET_CACHE = "public, max-age=300";
  static final String PAGE_CACHE = "no-cache";

  static void mount(Router router, String webroot) {
    StaticHandler files = webroot.isBlank()
        ? StaticHandler.create(CLASSPATH_WEBROOT)
        : StaticHandler.create(FileSystemAccess.ROOT, Path.of(webroot).toAbsolutePath().normalize().toString());
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticFiles::cacheHeaders)
        .handler(files);
  }

  /** Set before the static handler, which only adds Cache-Control when none is present. */
  private static void cacheHeaders(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    boolean page = path.endsWith("/") || path.endsWith(".html");
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, page ? PAGE_CACHE : ASSET_CACHE);
    ctx.next();
  }
}

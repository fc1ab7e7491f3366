package io.sensepulse.gateway;

import io.sensepulse.common.auth.Roles;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;

/**
 * What the client of one request or bridge socket may do, decided from the auth settings in force
 * now, not from what its session remembers: a user removed or demoted loses access at once.
 */
record Access(boolean authEnabled, boolean anonymousRead, String username, String role) {
  /** Where {@link AccessControl} leaves the request's access for the routes. */
  static final String KEY = "pulse.access";
  /** The principal field a signed-in user's session holds. */
  static final String USERNAME = "username";

  static Access resolve(AuthConfig config, User user) {
    AuthConfig.Account account = config.enabled() && user != null ? config.user(user.principal().getString(USERNAME)) : null;
    return account == null
        ? new Access(config.enabled(), config.anonymousRead(), null, null)
        : new Access(true, config.anonymousRead(), account.username(), account.role());
  }

  static Access of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  boolean authenticated() {
    return username != null;
  }

  boolean canRead() {
    return !authEnabled || anonymousRead || authenticated();
  }

  boolean canWrite() {
    return !authEnabled || Roles.OPERATOR.equals(role);
  }

  /** The body of {@code GET /api/auth/me}. */
  JsonObject toJson() {
    return new JsonObject()
        .put("auth_enabled", authEnabled)
        .put("anonymous_read", anonymousRead)
        .put("authenticated", authenticated())
        .put("username", username)
        .put("role", role)
        .put("can_read", canRead())
        .put("can_write", canWrite());
  }
}

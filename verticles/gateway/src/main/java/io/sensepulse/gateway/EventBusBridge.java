package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.auth.Roles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authorization.AuthorizationProvider;
import io.vertx.ext.auth.authorization.PermissionBasedAuthorization;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SockJS event-bus bridge at {@code /eventbus}: browsers may listen on {@code data.*},
 * {@code status.*} and {@code nodes.*}, and operators may send commands to
 * {@link Addresses#BRIDGE_COMMAND_PATTERNS}. The raw WebSocket endpoint is
 * {@code /eventbus/websocket}. Access is decided from the auth settings in force at each event, so
 * an open socket loses what its user no longer may do.
 */
final class EventBusBridge {
  private EventBusBridge() {}

  static final String PATH = "/eventbus/*";
  /** Served from the dashboard's own folder: the default points at a CDN and the dashboard must work offline. */
  static final String SOCKJS_LIBRARY = "/vendor/sockjs.min.js";
  /** A dashboard registers two addresses per source plus nodes.changed; this bounds what one socket can hold. */
  private static final int MAX_HANDLERS_PER_SOCKET = 200;
  private static final List<Pattern> COMMANDS = Addresses.BRIDGE_COMMAND_PATTERNS.stream().map(Pattern::compile).toList();

  static void mount(Vertx vertx, Router router, AuthState auth, AccessControl access, WebSecuritySettings settings) {
    SockJSBridgeOptions bridge = new SockJSBridgeOptions()
        .addOutboundPermitted(outbound(Addresses.DATA_PREFIX))
        .addOutboundPermitted(outbound(Addresses.STATUS_PREFIX))
        .addOutboundPermitted(outbound(Addresses.NODES_PREFIX))
        .setMaxHandlersPerSocket(MAX_HANDLERS_PER_SOCKET);
    Addresses.BRIDGE_COMMAND_PATTERNS.forEach(pattern ->
        bridge.addInboundPermitted(new PermittedOptions().setAddressRegex(pattern).setRequiredAuthority(Roles.OPERATOR)));
    SockJSHandlerOptions options = new SockJSHandlerOptions().setLibraryURL(SOCKJS_LIBRARY);
    if (settings.httpOrigin() != null) {
      options.setOrigin(settings.httpOrigin());
    }
    SockJSHandler sockJs = SockJSHandler.create(vertx, options);
    // With sign-in off the bridge still checks the operator authority: every socket then gets a user who holds it.
    SimpleAuthenticationHandler openHub = SimpleAuthenticationHandler.create()
        .authenticate(ctx -> Future.succeededFuture(User.create(new JsonObject())));

    router.route(PATH).handler(SameOriginGuard::handle);
    access.identify(router, PATH);
    router.route(PATH).handler(ctx -> admit(ctx, openHub));
    router.route(PATH).subRouter(sockJs.bridge(new CurrentRoles(auth), bridge, event -> guard(event, auth)));
  }

  private static PermittedOptions outbound(String prefix) {
    return new PermittedOptions().setAddressRegex(Pattern.quote(prefix) + ".+");
  }

  /** A handshake (and every SockJS request) needs read access: with anonymous reading off, a signed-in user. */
  private static void admit(RoutingContext ctx, SimpleAuthenticationHandler openHub) {
    Access access = Access.of(ctx);
    if (!access.canRead()) {
      ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json").end("{\"error\":\"sign in to view\"}");
    } else if (!access.authEnabled()) {
      openHub.handle(ctx);
    } else {
      ctx.next();
    }
  }

  /**
   * Runs before the bridge's own checks. The bridge lets a browser reply to any message it received
   * that carried a reply address, whatever the permitted options say, and reply addresses can be
   * guessed; so a send is let through only to a command address and only for whoever may write now.
   * Publishing is refused: commands are request/reply. Listening follows read access as it is now.
   */
  private static void guard(BridgeEvent event, AuthState auth) {
    Access access = Access.resolve(auth.current(), event.socket().webUser());
    switch (event.type()) {
      case SEND -> event.complete(access.canWrite() && isCommand(event.getRawMessage().getString("address")));
      case PUBLISH -> event.complete(false);
      case REGISTER, RECEIVE -> event.complete(access.canRead());
      default -> event.complete(true);
    }
  }

  static boolean isCommand(String address) {
    return address != null && COMMANDS.stream().anyMatch(command -> command.matcher(address).matches());
  }

  /**
   * Where the bridge's {@code requiredAuthority} check finds the user's authorities: the operator
   * permission for whoever may write under the settings in force.
   */
  static final class CurrentRoles implements AuthorizationProvider {
    static final String ID = "pulse-roles";
    private final AuthState auth;

    CurrentRoles(AuthState auth) {
      this.auth = auth;
    }

    @Override
    public String getId() {
      return ID;
    }

    @Override
    public Future<Void> getAuthorizations(User user) {
      boolean operator = Access.resolve(auth.current(), user).canWrite();
      user.authorizations().put(ID, operator ? Set.of(PermissionBasedAuthorization.create(Roles.OPERATOR)) : Set.of());
      return Future.succeededFuture();
    }
  }
}

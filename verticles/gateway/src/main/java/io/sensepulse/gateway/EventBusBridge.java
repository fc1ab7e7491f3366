package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.vertx.core.Vertx;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import java.util.regex.Pattern;

/**
 * The SockJS event-bus bridge at {@code /eventbus}: browsers may listen on {@code data.*},
 * {@code status.*} and {@code nodes.*} and send nothing. The raw WebSocket endpoint is
 * {@code /eventbus/websocket}.
 */
final class EventBusBridge {
  private EventBusBridge() {}

  static final String PATH = "/eventbus/*";
  /** Served from the dashboard's own folder: the default points at a CDN and the dashboard must work offline. */
  static final String SOCKJS_LIBRARY = "/vendor/sockjs.min.js";
  /** A dashboard registers two addresses per source plus nodes.changed; this bounds what one socket can hold. */
  private static final int MAX_HANDLERS_PER_SOCKET = 200;

  static void mount(Vertx vertx, Router router) {
    SockJSBridgeOptions bridge = new SockJSBridgeOptions()
        .addOutboundPermitted(outbound(Addresses.DATA_PREFIX))
        .addOutboundPermitted(outbound(Addresses.STATUS_PREFIX))
        .addOutboundPermitted(outbound(Addresses.NODES_PREFIX))
        .setMaxHandlersPerSocket(MAX_HANDLERS_PER_SOCKET);
    SockJSHandler sockJs = SockJSHandler.create(vertx, new SockJSHandlerOptions().setLibraryURL(SOCKJS_LIBRARY));
    router.route(PATH).handler(SameOriginGuard::handle);
    router.route(PATH).subRouter(sockJs.bridge(bridge, EventBusBridge::refuseInbound));
  }

  private static PermittedOptions outbound(String prefix) {
    return new PermittedOptions().setAddressRegex(Pattern.quote(prefix) + ".+");
  }

  /**
   * No inbound options are permitted, but the bridge lets a browser reply to any message it
   * received that carried a reply address. Nothing may come in yet, replies included, so every
   * send and publish is refused here (the client gets an {@code err} frame, body "rejected").
   */
  private static void refuseInbound(BridgeEvent event) {
    BridgeEventType type = event.type();
    event.complete(type != BridgeEventType.SEND && type != BridgeEventType.PUBLISH);
  }
}

package io.sensepulse.camera.discovery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ONVIF camera's WS-Discovery side on a real UDP socket: to a Probe for NetworkVideoTransmitters
 * it answers the recorded Hikvision ProbeMatches, related to the Probe's MessageID, with its
 * device address rewritten to {@code deviceHost}, where it listens. Anything else gets no answer,
 * as from a camera.
 */
final class WsDiscoveryResponder {
  private WsDiscoveryResponder() {}

  private static final Pattern MESSAGE_ID = Pattern.compile("<a:MessageID>(urn:uuid:[0-9a-f-]{36})</a:MessageID>");

  static Future<DatagramSocket> start(Vertx vertx, String deviceHost) {
    String recorded;
    try {
      recorded = WsDiscoveryTest.recordedProbeMatches();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DatagramSocket socket = vertx.createDatagramSocket();
    socket.handler(packet -> {
      String probe = packet.data().toString(StandardCharsets.UTF_8);
      Matcher id = MESSAGE_ID.matcher(probe);
      if (id.find() && probe.contains("<d:Types>dn:NetworkVideoTransmitter</d:Types>")) {
        String answer = recorded
            .replaceFirst("<wsadis:RelatesTo>[^<]*</wsadis:RelatesTo>", "<wsadis:RelatesTo>" + id.group(1) + "</wsadis:RelatesTo>")
            .replace("http://192.168.1.64/", "http://" + deviceHost + "/");
        socket.send(Buffer.buffer(answer, "UTF-8"), packet.sender().port(), packet.sender().host());
      }
    });
    return socket.listen(0, deviceHost);
  }
}

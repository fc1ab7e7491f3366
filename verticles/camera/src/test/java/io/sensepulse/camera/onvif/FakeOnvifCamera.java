package io.sensepulse.camera.onvif;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * An ONVIF camera on a real HTTP server, as strict as a Hikvision: it checks every request but
 * GetSystemDateAndTime for a UsernameToken whose PasswordDigest it recomputes from the nonce, the
 * Created time and its own password, and whose Created lies within a few seconds of its own clock
 * (which runs {@code clockOffset} ahead of the machine's). It answers with the recorded responses,
 * or a ter:NotAuthorized fault. Parsing here is its own, not the code under test.
 */
final class FakeOnvifCamera {
  static final String USERNAME = "admin";
  static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

  /** What the camera received: the operation (the body's element), the path, the content type, when, and the envelope. */
  record Received(String operation, String path, String contentType, long nanoTime, Document envelope) {
    Element operationElement() {
      return (Element) firstElementChild(descendant(envelope.getDocumentElement(), "Body"));
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  /** Answers that replace the recorded one for an operation (a hang, an HTML page, a fault). */
  final Map<String, Consumer<HttpServerRequest>> overrides = new ConcurrentHashMap<>();
  private final String password;
  private final Duration clockOffset;
  private final String vendor;
  private HttpServer server;

  FakeOnvifCamera(String password, Duration clockOffset, String vendor) {
    this.password = password;
    this.clockOffset = clockOffset;
    this.vendor = vendor;
  }

  Future<FakeOnvifCamera> start(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Document envelope = parse(body.toString(StandardCharsets.UTF_8));
      Element operation = (Element) firstElementChild(descendant(envelope.getDocumentElement(), "Body"));
      String name = operation.getLocalName();
      received.add(new Received(name, request.path(), request.getHeader("Content-Type"), System.nanoTime(), envelope));
      Consumer<HttpServerRequest> override = overrides.get(name);
      if (override != null) {
        override.accept(request);
      } else if (!name.equals("GetSystemDateAndTime") && !authorised(envelope)) {
        soap(request, 400, Recorded.read("hikvision-NotAuthorized.xml"));
      } else if (name.equals("GetSystemDateAndTime")) {
        soap(request, 200, withClock(Recorded.read(vendor + "-GetSystemDateAndTime.xml")));
      } else {
        soap(request, 200, Recorded.read(vendor + "-" + name + ".xml"));
      }
    }));
    return server.listen(0, "127.0.0.1").map(this);
  }

  int port() {
    return server.actualPort();
  }

  Future<Void> close() {
    return server.close();
  }

  List<String> operations() {
    return received.stream().map(Received::operation).toList();
  }

  Received only(String operation) {
    List<Received> matching = received.stream().filter(r -> r.operation().equals(operation)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + operation + ", got " + operations());
    }
    return matching.get(0);
  }

  static void soap(HttpServerRequest request, int status, String xml) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/soap+xml; charset=utf-8").end(xml);
  }

  private Instant cameraNow() {
    return Instant.now().plus(clockOffset);
  }

  private String withClock(String recorded) {
    ZonedDateTime now = cameraNow().atZone(ZoneOffset.UTC);
    String utc = "<tt:UTCDateTime><tt:Time><tt:Hour>" + now.getHour() + "</tt:Hour><tt:Minute>" + now.getMinute()
        + "</tt:Minute><tt:Second>" + now.getSecond() + "</tt:Second></tt:Time><tt:Date><tt:Year>" + now.getYear()
        + "</tt:Year><tt:Month>" + now.getMonthValue() + "</tt:Month><tt:Day>" + now.getDayOfMonth()
        + "</tt:Day></tt:Date></tt:UTCDateTime>";
    return recorded.replaceFirst("(?s)<tt:UTCDateTime>.*?</tt:UTCDateTime>", utc);
  }

  private boolean authorised(Document envelope) {
    Node token = descendant(envelope.getDocumentElement(), "UsernameToken");
    if (token == null) {
      return false;
    }
    String username = text(token, "Username");
    String digest = text(token, "Password");
    String nonce = text(token, "Nonce");
    String created = text(token, "Created");
    if (username == null || digest == null || nonce == null || created == null || !username.equals(USERNAME)) {
      return false;
    }
    try {
      Duration skew = Duration.between(Instant.parse(created), cameraNow()).abs();
      if (skew.compareTo(CLOCK_TOLERANCE) > 0) {
        return false;
      }
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(Base64.getDecoder().decode(nonce));
      sha1.update(created.getBytes(StandardCharsets.UTF_8));
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1.digest()).equals(digest);
    } catch (Exception malformed) {
      return false;
    }
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new AssertionError("the client sent something that is not XML: " + xml, e);
    }
  }

  private static String text(Node parent, String localName) {
    Node node = descendant(parent, localName);
    return node == null ? null : node.getTextContent().strip();
  }

  static Node descendant(Node parent, String localName) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (localName.equals(child.getLocalName())) {
        return child;
      }
      Node deeper = descendant(child, localName);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }

  private static Node firstElementChild(Node parent) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element) {
        return child;
      }
    }
    return null;
  }
}

package io.sensepulse.camera.discovery;

import io.sensepulse.camera.onvif.SafeXml;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * ONVIF's WS-Discovery (2005/04, as ONVIF devices speak it): the Probe for NetworkVideoTransmitters
 * sent to 239.255.255.250:3702 and the ProbeMatches devices answer, of which discovery keeps the
 * device addresses and the name scope.
 */
public final class WsDiscovery {
  private WsDiscovery() {}

  public static final String MULTICAST_ADDRESS = "239.255.255.250";
  public static final int PORT = 3702;
  static final String NAME_SCOPE = "onvif://www.onvif.org/name/";

  /** One device's answer: its service addresses (XAddrs), its scopes, and the name its scopes give. */
  public record ProbeMatch(List<String> xaddrs, List<String> scopes, Optional<String> name) {
    /** The hosts of the XAddrs that parse as URLs (IPv4 addresses, names, bracketed IPv6). */
    public List<String> hosts() {
      List<String> hosts = new ArrayList<>();
      for (String xaddr : xaddrs) {
        try {
          String host = new URI(xaddr).getHost();
          if (host != null && !hosts.contains(host)) {
            hosts.add(host);
          }
        } catch (URISyntaxException malformed) {
          // A device's other XAddrs may still be good; this one names nothing.
        }
      }
      return hosts;
    }
  }

  public static String probe(UUID messageId) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
        + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
        + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
        + " xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\">"
        + "<s:Header>"
        + "<a:Action s:mustUnderstand=\"1\">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>"
        + "<a:MessageID>urn:uuid:" + messageId + "</a:MessageID>"
        + "<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
        + "<a:To s:mustUnderstand=\"1\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
        + "</s:Header>"
        + "<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body>"
        + "</s:Envelope>";
  }

  /** The matches of a ProbeMatches message; IllegalArgumentException when it is not XML. */
  public static List<ProbeMatch> parseProbeMatches(String xml) {
    Document document = SafeXml.parse(xml);
    List<ProbeMatch> matches = new ArrayList<>();
    for (Element match : SafeXml.descendants(document, "ProbeMatch")) {
      List<String> scopes = words(SafeXml.childText(match, "Scopes").orElse(""));
      matches.add(new ProbeMatch(words(SafeXml.childText(match, "XAddrs").orElse("")), scopes, nameOf(scopes)));
    }
    return List.copyOf(matches);
  }

  /** The {@code onvif://www.onvif.org/name/...} scope, percent-decoded ({@code HIKVISION%20DS-2CD2143G0-I}). */
  static Optional<String> nameOf(List<String> scopes) {
    for (String scope : scopes) {
      if (scope.startsWith(NAME_SCOPE) && scope.length() > NAME_SCOPE.length()) {
        String encoded = scope.substring(NAME_SCOPE.length());
        try {
          // '+' is a plus in a URI path, not the space of a form: keep it.
          return Optional.of(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) {
          return Optional.of(encoded);
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
  }
}

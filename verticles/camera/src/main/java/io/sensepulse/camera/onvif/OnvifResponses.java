package io.sensepulse.camera.onvif;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Readers of the ONVIF answers PTZ needs. Each throws {@link OnvifFault} when the answer is a SOAP
 * Fault (1.2, or 1.1 as older firmwares send) and IllegalArgumentException when it is not XML or
 * not the expected answer.
 */
public final class OnvifResponses {
  private OnvifResponses() {}

  /** A media profile: its token, its name, and whether a PTZ configuration is bound to it. */
  public record Profile(String token, String name, boolean hasPtz) {}

  /** Service addresses as the camera reports them; empty where it names none. */
  public record ServiceAddresses(Optional<String> media, Optional<String> ptz) {}

  /** The body's first element after the fault check: the answer proper. */
  static Element answer(String xml, String expected) {
    Document document = SafeXml.parse(xml);
    Element body = SafeXml.firstDescendant(document, "Body")
        .orElseThrow(() -> new IllegalArgumentException("not a SOAP envelope: no Body"));
    Optional<Element> fault = SafeXml.child(body, "Fault");
    if (fault.isPresent()) {
      throw fault(fault.get());
    }
    return SafeXml.child(body, expected)
        .orElseThrow(() -> new IllegalArgumentException("not a " + expected + " answer"));
  }

  /**
   * The camera's UTC clock from GetSystemDateAndTime, empty when it reports only local time (its
   * time zone is a POSIX TZ string we do not interpret; the node's own clock is used then).
   */
  public static Optional<Instant> systemDateTimeUtc(String xml) {
    Element answer = answer(xml, "GetSystemDateAndTimeResponse");
    Optional<Element> utc = SafeXml.firstDescendant(answer, "UTCDateTime");
    if (utc.isEmpty()) {
      return Optional.empty();
    }
    Element date = SafeXml.child(utc.get(), "Date")
        .orElseThrow(() -> new IllegalArgumentException("UTCDateTime has no Date"));
    Element time = SafeXml.child(utc.get(), "Time")
        .orElseThrow(() -> new IllegalArgumentException("UTCDateTime has no Time"));
    try {
      return Optional.of(LocalDateTime.of(number(date, "Year"), number(date, "Month"), number(date, "Day"),
          number(time, "Hour"), number(time, "Minute"), number(time, "Second")).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("UTCDateTime is not a valid time: " + e.getMessage());
    }
  }

  /** The media profiles from GetProfiles, in the camera's order. */
  public static List<Profile> profiles(String xml) {
    Element answer = answer(xml, "GetProfilesResponse");
    List<Profile> profiles = new ArrayList<>();
    for (Element profile : SafeXml.children(answer, "Profiles")) {
      String token = profile.getAttribute("token").strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("a profile has no token");
      }
      profiles.add(new Profile(token, SafeXml.childText(profile, "Name").orElse(""),
          SafeXml.child(profile, "PTZConfiguration").isPresent()));
    }
    return List.copyOf(profiles);
  }

  /**
   * The profile to move: the first with a PTZ configuration (cameras bind PTZ to some profiles
   * only, often just the main stream's), else the first of all.
   */
  public static Profile ptzProfile(List<Profile> profiles) {
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("the camera has no media profiles");
    }
    return profiles.stream().filter(Profile::hasPtz).findFirst().orElse(profiles.get(0));
  }

  /** Media and PTZ XAddrs from GetCapabilities (the ONVIF 1.x way every Profile S camera answers). */
  public static ServiceAddresses capabilities(String xml) {
    Element answer = answer(xml, "GetCapabilitiesResponse");
    Element capabilities = SafeXml.child(answer, "Capabilities")
        .orElseThrow(() -> new IllegalArgumentException("GetCapabilitiesResponse has no Capabilities"));
    return new ServiceAddresses(xaddrOf(capabilities, "Media"), xaddrOf(capabilities, "PTZ"));
  }

  /** Media (ver10) and PTZ (ver20) XAddrs from GetServices, matched by namespace. */
  public static ServiceAddresses services(String xml) {
    Element answer = answer(xml, "GetServicesResponse");
    Optional<String> media = Optional.empty();
    Optional<String> ptz = Optional.empty();
    for (Element service : SafeXml.children(answer, "Service")) {
      String namespace = SafeXml.childText(service, "Namespace").orElse("");
      Optional<String> xaddr = SafeXml.childText(service, "XAddr").filter(text -> !text.isEmpty());
      if (namespace.equals(SoapCall.MEDIA_NS) && media.isEmpty()) {
        media = xaddr;
      } else if (namespace.equals(SoapCall.PTZ_NS) && ptz.isEmpty()) {
        ptz = xaddr;
      }
    }
    return new ServiceAddresses(media, ptz);
  }

  /** Checks that an answer (ContinuousMove, Stop) is the expected one and not a fault. */
  public static void requireAnswer(String xml, String expected) {
    answer(xml, expected);
  }

  private static Optional<String> xaddrOf(Element capabilities, String service) {
    return SafeXml.child(capabilities, service)
        .flatMap(element -> SafeXml.childText(element, "XAddr"))
        .filter(text -> !text.isEmpty());
  }

  private static OnvifFault fault(Element fault) {
    Optional<Element> code = SafeXml.child(fault, "Code");
    if (code.isEmpty()) {
      // SOAP 1.1: faultcode and faultstring.
      return new OnvifFault(SafeXml.childText(fault, "faultcode").orElse(""), List.of(),
          SafeXml.childText(fault, "faultstring").orElse(""));
    }
    String value = SafeXml.childText(code.get(), "Value").orElse("");
    List<String> subcodes = new ArrayList<>();
    Optional<Element> subcode = SafeXml.child(code.get(), "Subcode");
    while (subcode.isPresent()) {
      SafeXml.childText(subcode.get(), "Value").ifPresent(subcodes::add);
      subcode = SafeXml.child(subcode.get(), "Subcode");
    }
    String reason = SafeXml.child(fault, "Reason").flatMap(text -> SafeXml.childText(text, "Text")).orElse("");
    return new OnvifFault(value, subcodes, reason);
  }

  private static int number(Element parent, String name) {
    String text = SafeXml.childText(parent, name)
        .orElseThrow(() -> new IllegalArgumentException("UTCDateTime has no " + name));
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("UTCDateTime " + name + " '" + text + "' is not a number");
    }
  }
}

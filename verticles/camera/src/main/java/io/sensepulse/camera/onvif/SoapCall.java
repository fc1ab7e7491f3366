package io.sensepulse.camera.onvif;

import java.math.BigDecimal;

/**
 * One ONVIF operation ready to send: its name (for messages), its SOAP action (for the
 * Content-Type's {@code action} parameter, which some firmwares route on) and its body element.
 */
public record SoapCall(String operation, String action, String body) {

  static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
  static final String DEVICE_NS = "http://www.onvif.org/ver10/device/wsdl";
  static final String MEDIA_NS = "http://www.onvif.org/ver10/media/wsdl";
  static final String PTZ_NS = "http://www.onvif.org/ver20/ptz/wsdl";
  static final String SCHEMA_NS = "http://www.onvif.org/ver10/schema";

  public static SoapCall getSystemDateAndTime() {
    return new SoapCall("GetSystemDateAndTime", DEVICE_NS + "/GetSystemDateAndTime", "<tds:GetSystemDateAndTime/>");
  }

  public static SoapCall getCapabilities() {
    return new SoapCall("GetCapabilities", DEVICE_NS + "/GetCapabilities",
        "<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>");
  }

  public static SoapCall getServices() {
    return new SoapCall("GetServices", DEVICE_NS + "/GetServices",
        "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>");
  }

  public static SoapCall getProfiles() {
    return new SoapCall("GetProfiles", MEDIA_NS + "/GetProfiles", "<trt:GetProfiles/>");
  }

  /**
   * Only the axes the move uses are sent: some cameras without zoom refuse a velocity that names a
   * Zoom, and some fixed-zoom domes refuse PanTilt in a zoom move.
   */
  public static SoapCall continuousMove(String profileToken, PtzDirection direction, double speed) {
    String velocity = direction.zooms()
        ? "<tt:Zoom x=\"" + format(direction.zoom() * speed) + "\"/>"
        : "<tt:PanTilt x=\"" + format(direction.pan() * speed) + "\" y=\"" + format(direction.tilt() * speed) + "\"/>";
    return new SoapCall("ContinuousMove", PTZ_NS + "/ContinuousMove",
        "<tptz:ContinuousMove><tptz:ProfileToken>" + SafeXml.escape(profileToken) + "</tptz:ProfileToken>"
            + "<tptz:Velocity>" + velocity + "</tptz:Velocity></tptz:ContinuousMove>");
  }

  public static SoapCall stop(String profileToken) {
    return new SoapCall("Stop", PTZ_NS + "/Stop",
        "<tptz:Stop><tptz:ProfileToken>" + SafeXml.escape(profileToken) + "</tptz:ProfileToken>"
            + "<tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom></tptz:Stop>");
  }

  /** The whole SOAP 1.2 envelope; {@code securityHeader} is null for the unauthenticated calls. */
  public String envelope(String securityHeader) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<s:Envelope xmlns:s=\"" + SOAP12_NS + "\" xmlns:tds=\"" + DEVICE_NS + "\" xmlns:trt=\"" + MEDIA_NS
        + "\" xmlns:tptz=\"" + PTZ_NS + "\" xmlns:tt=\"" + SCHEMA_NS + "\">"
        + (securityHeader == null ? "" : "<s:Header>" + securityHeader + "</s:Header>")
        + "<s:Body>" + body + "</s:Body></s:Envelope>";
  }

  /** xs:float text: plain decimal, never "1.0E-4". */
  private static String format(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

package io.sensepulse.camera.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SoapCallTest {
  private static Element bodyElement(SoapCall call) {
    Document envelope = SafeXml.parse(call.envelope(null));
    assertEquals(SoapCall.SOAP12_NS, envelope.getDocumentElement().getNamespaceURI());
    assertTrue(SafeXml.firstDescendant(envelope, "Header").isEmpty(), "no header without security");
    Element body = SafeXml.firstDescendant(envelope, "Body").orElseThrow();
    List<Element> children = SafeXml.children(body, call.operation());
    assertEquals(1, children.size());
    return children.get(0);
  }

  @Test
  void leftIsANegativePanVelocityAtTheGivenSpeedWithoutZoom() {
    Element move = bodyElement(SoapCall.continuousMove("Profile_1", PtzDirection.LEFT, 0.5));
    assertEquals(SoapCall.PTZ_NS, move.getNamespaceURI());
    assertEquals("Profile_1", SafeXml.childText(move, "ProfileToken").orElseThrow());
    Element velocity = SafeXml.child(move, "Velocity").orElseThrow();
    Element panTilt = SafeXml.child(velocity, "PanTilt").orElseThrow();
    assertEquals(SoapCall.SCHEMA_NS, panTilt.getNamespaceURI());
    assertEquals("-0.5", panTilt.getAttribute("x"));
    assertEquals("0", panTilt.getAttribute("y"));
    assertTrue(SafeXml.child(velocity, "Zoom").isEmpty());
  }

  @Test
  void upTiltsAndZoomOutZoomsOnly() {
    Element up = SafeXml.child(SafeXml.child(bodyElement(SoapCall.continuousMove("t", PtzDirection.UP, 0.5)), "Velocity")
        .orElseThrow(), "PanTilt").orElseThrow();
    assertEquals("0", up.getAttribute("x"));
    assertEquals("0.5", up.getAttribute("y"));
    Element velocity = SafeXml.child(bodyElement(SoapCall.continuousMove("t", PtzDirection.ZOOM_OUT, 0.5)), "Velocity")
        .orElseThrow();
    assertEquals("-0.5", SafeXml.child(velocity, "Zoom").orElseThrow().getAttribute("x"));
    assertTrue(SafeXml.child(velocity, "PanTilt").isEmpty());
  }

  @Test
  void stopHaltsBothAxesOfTheEscapedProfile() {
    Element stop = bodyElement(SoapCall.stop("a&b"));
    assertEquals("a&b", SafeXml.childText(stop, "ProfileToken").orElseThrow());
    assertEquals("true", SafeXml.childText(stop, "PanTilt").orElseThrow());
    assertEquals("true", SafeXml.childText(stop, "Zoom").orElseThrow());
  }

  @Test
  void deviceAndMediaCallsUseTheirServiceNamespaces() {
    assertEquals(SoapCall.DEVICE_NS, bodyElement(SoapCall.getSystemDateAndTime()).getNamespaceURI());
    assertEquals("All", SafeXml.childText(bodyElement(SoapCall.getCapabilities()), "Category").orElseThrow());
    assertEquals(SoapCall.DEVICE_NS, bodyElement(SoapCall.getServices()).getNamespaceURI());
    assertEquals(SoapCall.MEDIA_NS, bodyElement(SoapCall.getProfiles()).getNamespaceURI());
    assertEquals(SoapCall.MEDIA_NS + "/GetProfiles", SoapCall.getProfiles().action());
  }
}

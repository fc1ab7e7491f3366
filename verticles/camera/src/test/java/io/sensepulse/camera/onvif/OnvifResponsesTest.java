package io.sensepulse.camera.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.camera.onvif.OnvifResponses.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnvifResponsesTest {
  private static final String ENVELOPE = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
      + " xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"><s:Body>%s</s:Body></s:Envelope>";

  @Test
  void theCameraClockIsTheUtcDateTime() {
    assertEquals(Optional.of(Instant.parse("2024-03-14T09:41:07Z")),
        OnvifResponses.systemDateTimeUtc(Recorded.read("hikvision-GetSystemDateAndTime.xml")));
  }

  @Test
  void aCameraReportingOnlyLocalTimeGivesNoUtcClock() {
    assertEquals(Optional.empty(), OnvifResponses.systemDateTimeUtc(Recorded.read("dahua-GetSystemDateAndTime.xml")));
  }

  @Test
  void anImpossibleDateIsRefused() {
    String xml = Recorded.read("hikvision-GetSystemDateAndTime.xml").replace("<tt:Month>3</tt:Month>", "<tt:Month>13</tt:Month>");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OnvifResponses.systemDateTimeUtc(xml));
    assertTrue(error.getMessage().startsWith("UTCDateTime is not a valid time: "), error.getMessage());
  }

  @Test
  void profilesComeInTheCamerasOrderWithTheirPtzBinding() {
    List<Profile> profiles = OnvifResponses.profiles(Recorded.read("hikvision-GetProfiles.xml"));
    assertEquals(List.of(new Profile("Profile_1", "mainStream", true), new Profile("Profile_2", "subStream", true)), profiles);
    assertEquals("Profile_1", OnvifResponses.ptzProfile(profiles).token());
  }

  @Test
  void theFirstProfileWithPtzIsPreferredElseTheFirst() {
    String xml = String.format(ENVELOPE, "<trt:GetProfilesResponse>"
        + "<trt:Profiles token=\"000\"><tt:Name>MainStream</tt:Name></trt:Profiles>"
        + "<trt:Profiles token=\"001\"><tt:Name>SubStream</tt:Name><tt:PTZConfiguration token=\"p\"/></trt:Profiles>"
        + "</trt:GetProfilesResponse>");
    assertEquals("001", OnvifResponses.ptzProfile(OnvifResponses.profiles(xml)).token());
    assertEquals("000", OnvifResponses.ptzProfile(List.of(new Profile("000", "", false), new Profile("001", "", false))).token());
    String none = String.format(ENVELOPE, "<trt:GetProfilesResponse/>");
    assertEquals("the camera has no media profiles", assertThrows(IllegalArgumentException.class,
        () -> OnvifResponses.ptzProfile(OnvifResponses.profiles(none))).getMessage());
  }

  @Test
  void capabilitiesGiveTheMediaAndPtzAddresses() {
    OnvifResponses.ServiceAddresses addresses = OnvifResponses.capabilities(Recorded.read("hikvision-GetCapabilities.xml"));
    assertEquals(Optional.of("http://192.168.1.64/onvif/Media"), addresses.media());
    assertEquals(Optional.of("http://192.168.1.64/onvif/PTZ"), addresses.ptz());
  }

  @Test
  void servicesAreMatchedByNamespaceNotByPosition() {
    OnvifResponses.ServiceAddresses addresses = OnvifResponses.services(Recorded.read("dahua-GetServices.xml"));
    assertEquals(Optional.of("http://192.168.1.108/onvif/media_service"), addresses.media());
    assertEquals(Optional.of("http://192.168.1.108/onvif/ptz_service"), addresses.ptz());
  }

  @Test
  void aSoap12FaultIsReadWithItsSubcodeAndReason() {
    OnvifFault fault = assertThrows(OnvifFault.class, () -> OnvifResponses.profiles(Recorded.read("hikvision-NotAuthorized.xml")));
    assertEquals("env:Sender", fault.code());
    assertEquals(List.of("ter:NotAuthorized"), fault.subcodes());
    assertEquals("The action requested requires authorization and the sender is not authorized", fault.reason());
    assertTrue(fault.notAuthorized());
    OnvifFault unsupported = assertThrows(OnvifFault.class,
        () -> OnvifResponses.capabilities(Recorded.read("hikvision-ActionNotSupported.xml")));
    assertEquals("env:Receiver/ter:ActionNotSupported: The requested action is not supported", unsupported.getMessage());
    assertFalse(unsupported.notAuthorized());
  }

  @Test
  void aSoap11FaultIsReadToo() {
    String xml = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
        + "<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>Method not implemented</faultstring>"
        + "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>";
    assertEquals("SOAP-ENV:Client: Method not implemented",
        assertThrows(OnvifFault.class, () -> OnvifResponses.profiles(xml)).getMessage());
  }

  @Test
  void theWrongAnswerOrNoEnvelopeIsNamed() {
    assertEquals("not a GetProfilesResponse answer", assertThrows(IllegalArgumentException.class,
        () -> OnvifResponses.profiles(Recorded.read("hikvision-Stop.xml"))).getMessage());
    assertEquals("not a SOAP envelope: no Body", assertThrows(IllegalArgumentException.class,
        () -> OnvifResponses.profiles("<html><head/></html>")).getMessage());
    OnvifResponses.requireAnswer(Recorded.read("hikvision-ContinuousMove.xml"), "ContinuousMoveResponse");
  }

  @Test
  void textThatIsNotXmlIsRefused() {
    IllegalArgumentException error = assertThrows(SafeXml.NotXml.class, () -> OnvifResponses.profiles("401 Unauthorized"));
    assertTrue(error.getMessage().startsWith("not XML ("), error.getMessage());
  }

  @Test
  void externalEntitiesAndEntityExpansionAreRefusedWithTheDoctype() {
    String external = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><r>&x;</r></s:Body></s:Envelope>";
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;</l>";
    for (String hostile : List.of(external, laughs)) {
      IllegalArgumentException error = assertThrows(SafeXml.NotXml.class, () -> SafeXml.parse(hostile));
      assertTrue(error.getMessage().contains("DOCTYPE"), error.getMessage());
    }
  }
}

package io.sensepulse.camera.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class WsSecurityTest {
  @Test
  void theDigestMatchesTheOnvifCoreSpecificationExample() {
    byte[] nonce = Base64.getDecoder().decode("LKqI6G/AikKCQrN0zqZFlg==");
    assertEquals("tuOSpGlFlIXsozq4HFNeeGeFLEI=", WsSecurity.passwordDigest(nonce, "2010-09-16T07:50:45Z", "userpassword"));
  }

  @Test
  void createdIsUtcWithMillisecondsAndZ() {
    assertEquals("2024-03-14T09:41:07.250Z", WsSecurity.created(Instant.parse("2024-03-14T09:41:07.250999Z")));
  }

  @Test
  void theHeaderCarriesTheDigestOfItsOwnNonceAndCreatedButNeverThePassword() {
    byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    String header = WsSecurity.header("ad<min", "s3cret-Pass", nonce, Instant.parse("2024-03-14T09:41:07Z"));
    Document envelope = SafeXml.parse(SoapCall.getProfiles().envelope(header));
    Element token = SafeXml.firstDescendant(envelope, "UsernameToken").orElseThrow();
    assertEquals(WsSecurity.WSSE_NS, token.getNamespaceURI());
    assertEquals("ad<min", SafeXml.childText(token, "Username").orElseThrow());
    String created = SafeXml.childText(token, "Created").orElseThrow();
    assertEquals("2024-03-14T09:41:07.000Z", created);
    assertEquals(Base64.getEncoder().encodeToString(nonce), SafeXml.childText(token, "Nonce").orElseThrow());
    Element password = SafeXml.child(token, "Password").orElseThrow();
    assertEquals(WsSecurity.PASSWORD_DIGEST_TYPE, password.getAttribute("Type"));
    assertEquals(WsSecurity.passwordDigest(nonce, created, "s3cret-Pass"), password.getTextContent());
    assertFalse(header.contains("s3cret-Pass"));
  }
}

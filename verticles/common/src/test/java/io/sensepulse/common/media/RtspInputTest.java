package io.sensepulse.common.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtspInputTest {
  private static final String URL = "rtsp://admin:hunter2@10.0.0.5:554/live";

  @Test
  void theUrlGoesInTheScriptAndNeverOnTheCommandLine() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("rtsp_transport", "tcp");
    options.put("timeout", "5000000");
    RtspInput input = RtspInput.of(URL, options);
    assertFalse(String.join(" ", input.arguments()).contains("hunter2"), input.arguments().toString());
    assertEquals("-i pipe:0", String.join(" ", input.arguments().subList(input.arguments().size() - 2, input.arguments().size())));
    assertEquals("""
        ffconcat version 1.0
        file 'rtsp://admin:hunter2@10.0.0.5:554/live'
        option rtsp_transport 'tcp'
        option timeout '5000000'
        """, new String(input.scriptBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void aQuoteInAPasswordIsQuotedTheWayFfconcatReadsIt() {
    assertEquals("file 'rtsp://admin:it'\\''s@cam/live'",
        RtspInput.of("rtsp://admin:it's@cam/live", Map.of()).script().lines().toList().get(1));
  }

  @Test
  void aLineBreakCannotAddDirectives() {
    assertThrows(IllegalArgumentException.class, () -> RtspInput.of("rtsp://cam/live\nfile '/etc/passwd'", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> RtspInput.of(URL, Map.of("rtsp_transport", "tcp\rfile x")));
    assertThrows(IllegalArgumentException.class, () -> RtspInput.of(URL, Map.of("timeout 1\nfile", "x")));
  }

  @Test
  void onlyRtspUrls() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> RtspInput.of("file:///etc/passwd", Map.of()));
    assertEquals("not an rtsp:// or rtsps:// URL", error.getMessage());
    RtspInput.of("RTSPS://cam/live", Map.of());
  }
}

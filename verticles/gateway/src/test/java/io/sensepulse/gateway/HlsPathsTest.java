package io.sensepulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HlsPathsTest {
  @Test
  void aFileInACameraFolderHasItsContentType() throws Exception {
    assertEquals(new HlsPaths.HlsFile("yard", "index.m3u8", "application/vnd.apple.mpegurl"), HlsPaths.parse("/hls/yard/index.m3u8"));
    assertTrue(HlsPaths.parse("/hls/yard/index.m3u8").isPlaylist());
    assertEquals("video/mp2t", HlsPaths.parse("/hls/yard/index12.ts").contentType());
    assertEquals("video/mp4", HlsPaths.parse("/hls/Cam_2-b/init.mp4").contentType());
    assertEquals("video/mp4", HlsPaths.parse("/hls/yard/index3.m4s").contentType());
  }

  @Test
  void traversalAndEncodedNamesAreMalformed() {
    for (String path : List.of("/hls/yard/../../etc/passwd", "/hls/../etc/passwd.ts", "/hls/yard/%2e%2e/x.ts",
        "/hls/yard/..%2fx.ts", "/hls/yard/%2Fetc%2Fpasswd", "/hls//etc/passwd.ts", "/hls/yard//x.ts", "/hls/yard/a/b.ts",
        "/hls/yard/.hidden.ts", "/hls/yard/..ts", "/hls/ya.rd/index.m3u8", "/hls/yard", "/hls/yard/", "/etc/passwd",
        "/hls/yard/index.m3u8/", "/hls/yard/in dex.ts", "/hls/yard/x.ts?", "/hls/%79ard/index.m3u8")) {
      HlsPaths.Refused refused = assertThrows(HlsPaths.Refused.class, () -> HlsPaths.parse(path), path);
      assertEquals(400, refused.status, path);
    }
  }

  @Test
  void otherFilesCanNeverBeThere() {
    for (String path : List.of("/hls/yard/passwd", "/hls/yard/notes.txt", "/hls/yard/index.m3u8.bak")) {
      HlsPaths.Refused refused = assertThrows(HlsPaths.Refused.class, () -> HlsPaths.parse(path), path);
      assertEquals(404, refused.status, path);
    }
  }
}

package io.sensepulse.common.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HlsDirTest {
  private static JsonObject node(Object hlsDir) {
    JsonObject config = new JsonObject().put("node_id", "hub").put("data_dir", "/srv/pulse");
    return hlsDir == null ? config : config.put(HlsDir.KEY, hlsDir);
  }

  @Test
  void defaultsUnderTheDataFolderAndARelativePathIsTakenThereToo() {
    assertEquals(Path.of("/srv/pulse/hls"), HlsDir.of(node(null)));
    assertEquals(Path.of("/srv/pulse/hls"), HlsDir.of(node("  ")));
    assertEquals(Path.of("/srv/pulse/video/hls"), HlsDir.of(node("video/./hls/")));
    assertEquals(Path.of("/run/pulse-hls"), HlsDir.of(node("/run/pulse-hls/../pulse-hls")));
  }

  @Test
  void aRelativeDataFolderBecomesAbsolute() {
    Path expected = Path.of("data").toAbsolutePath().resolve("hls").normalize();
    assertEquals(expected, HlsDir.of(new JsonObject().put("node_id", "hub").put("data_dir", "data")));
  }

  @Test
  void whatFfmpegCannotTakeInAPathIsRefusedNamingTheKey() {
    assertEquals("hls_dir (/tmp/%d) must not contain any of % [ ] | : \\ '",
        assertThrows(IllegalArgumentException.class, () -> HlsDir.of(node("/tmp/%d"))).getMessage());
    for (String path : java.util.List.of("/tmp/a:b", "/tmp/[x]", "a|b", "it's")) {
      assertThrows(IllegalArgumentException.class, () -> HlsDir.of(node(path)), path);
    }
    assertThrows(IllegalArgumentException.class, () -> HlsDir.of(new JsonObject().put("node_id", "hub").put("data_dir", "/srv/c:d")),
        "a data_dir the default hls_dir would inherit it from");
    assertEquals("hls_dir must be a folder path",
        assertThrows(IllegalArgumentException.class, () -> HlsDir.of(node(42))).getMessage());
  }
}

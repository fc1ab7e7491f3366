package io.sensepulse.rig.recorder;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code <data_dir>/recorder-config.json}: the settings changed through the node API,
 * {@code {"version": n, "settings": {...}}}, version incremented on every accepted write. They
 * apply over the node's config from the next start on. Blocking.
 */
final class RecorderConfigFile {
  private RecorderConfigFile() {}

  static final String NAME = "recorder-config.json";

  record Stored(int version, JsonObject settings) {
    JsonObject toJson() {
      return new JsonObject().put("version", version).put("settings", settings);
    }
  }

  static Stored read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException absent) {
      return new Stored(0, new JsonObject());
    }
    try {
      JsonObject json = new JsonObject(text);
      if (!(json.getValue("version") instanceof Number version) || !(json.getValue("settings") instanceof JsonObject settings)) {
        throw new IOException(file + " must hold {\"version\": n, \"settings\": {...}}");
      }
      return new Stored(version.intValue(), settings);
    } catch (DecodeException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  static void write(Path file, Stored stored) throws IOException {
    AtomicFiles.write(file, stored.toJson().encodePrettily().getBytes(StandardCharsets.UTF_8));
  }
}

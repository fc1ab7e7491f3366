package io.sensepulse.rig.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Real ffmpeg and ffprobe for the tests: fragmented MP4 made here, files judged by ffprobe. */
public final class Media {
  private Media() {}

  /** {@code seconds} of 320x180 test pattern at 15 fps, keyframe every second, as the recorder's ffmpeg writes it. */
  public static byte[] fragmentedMp4(String encoder, int seconds, boolean audio) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15"));
    if (audio) {
      command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000"));
    }
    command.addAll(List.of("-t", Integer.toString(seconds), "-c:v", encoder, "-preset", "ultrafast", "-g", "15",
        "-keyint_min", "15", "-b:v", "300k"));
    if (encoder.equals("libx265")) {
      command.addAll(List.of("-tag:v", "hvc1", "-x265-params", "log-level=error:scenecut=0"));
    }
    if (audio) {
      command.addAll(List.of("-c:a", "aac"));
    }
    command.addAll(List.of("-f", "mp4", "-movflags", "frag_keyframe+empty_moov+default_base_moof",
        "-frag_duration", "1000000", "pipe:1"));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] bytes = process.getInputStream().readAllBytes();
    assertEquals(0, process.waitFor(), "ffmpeg failed");
    return bytes;
  }

  /** ffprobe's view of a file: {@code exit}, {@code errors} (its stderr) and its JSON (streams, format). */
  public static JsonObject probe(Path file) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("ffprobe", "-v", "error", "-print_format", "json", "-show_streams",
        "-show_format", file.toString()).start();
    byte[] out = process.getInputStream().readAllBytes();
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    JsonObject json = out.length == 0 ? new JsonObject() : new JsonObject(new String(out, StandardCharsets.UTF_8));
    return json.put("exit", exit).put("errors", errors);
  }

  /** The first video stream ffprobe reports, or null. */
  public static JsonObject videoStream(JsonObject probe) {
    for (Object stream : probe.getJsonArray("streams", new io.vertx.core.json.JsonArray())) {
      if (stream instanceof JsonObject json && "video".equals(json.getString("codec_type"))) {
        return json;
      }
    }
    return null;
  }

  /** What plays: a segment's timestamps go on from the previous one's, so its end minus its start. */
  public static double duration(JsonObject probe) {
    JsonObject format = probe.getJsonObject("format");
    return Double.parseDouble(format.getString("duration")) - Double.parseDouble(format.getString("start_time", "0"));
  }

  public static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}

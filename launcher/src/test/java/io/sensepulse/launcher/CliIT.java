package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Vert.x CLI inside pulse.jar: any single verticle runs from its -conf file alone. */
class CliIT {
  private static final String GATEWAY = "io.sensepulse.gateway.GatewayVerticle";

  private RedisServer redis;
  private Path conf;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void prepare(@TempDir Path dir) throws IOException {
    redis = RedisServer.startNew();
    port = RedisServer.freePort();
    conf = dir.resolve("gateway.json");
    Files.writeString(conf, new JsonObject()
        .put(PulseSettings.HTTP_PORT, port)
        .put(PulseSettings.REDIS_URL, redis.url())
        .put(PulseSettings.NODE_ID, "cli-it")
        .encode());
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void runDeploysOneVerticleConfiguredByItsConfFile() throws Exception {
    Process run = pulse("run", GATEWAY, "-conf", conf.toString()).redirectErrorStream(true).start();
    try {
      assertTrue(waitForLine(run, "Gateway listening on port " + port), "the gateway did not start");
      HttpResponse<String> me = get("/api/auth/me");
      assertEquals(200, me.statusCode());
      assertTrue(me.body().contains("\"auth_enabled\":false"), me.body());
    } finally {
      run.destroy();
      run.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void startListAndStopManageABackgroundInstance() throws Exception {
    String id = "cli-it-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      assertEquals(0, pulse("start", GATEWAY, "-conf", conf.toString(), "-id", id).start().waitFor());
      // list answers from the process table: ask until the background JVM shows up
      String listed = "";
      while (!listed.contains(id)) {
        listed = output(pulse("list"));
      }
      assertTrue(waitUntilAnswers(), "the background gateway never answered");
      assertTrue(output(pulse("stop", id)).contains("terminated"));
      assertTrue(!output(pulse("list")).contains(id));
    } finally {
      output(pulse("stop", id));
    }
  }

  private ProcessBuilder pulse(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss512k",
        "-jar", System.getProperty("pulse.jar", "target/pulse.jar")));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private static String output(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return text;
  }

  private static boolean waitForLine(Process process, String wanted) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.contains(wanted)) {
        Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }), "cli-output");
        drain.setDaemon(true);
        drain.start();
        return true;
      }
    }
    return false;
  }

  /** A started instance prints nowhere we can read, so ask its port until it answers. */
  private boolean waitUntilAnswers() throws Exception {
    while (true) {
      try {
        return get("/health").statusCode() == 200;
      } catch (IOException notYet) {
        // the background JVM is still starting: refused, or accepted before the router is in place
      }
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package io.sensepulse.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class PulseConfigTest {

  @Test
  void environmentNamesBecomeConfigKeysAndTheRestOfTheEnvironmentIsDropped() {
    JsonObject merged = new JsonObject()
        .put("http_port", 8080)
        .put("PULSE_HTTP_PORT", "9090")
        .put("PULSE_CLUSTER_MEMBERS", "10.0.0.2,10.0.0.3:5702")
        .put("SCHEDULE_SYSTEM", "5")
        .put("PATH", "/usr/bin")
        .put(PulseSettings.SECTIONS, new JsonObject().put("schedule", new JsonObject().put("system", 30).put("weather", 300)));

    JsonObject config = PulseConfig.fromEnvironmentNames(merged);

    assertEquals("9090", config.getValue("http_port"));
    assertFalse(config.containsKey("PATH"));
    assertFalse(config.containsKey("path"));
    assertEquals(new JsonObject().put("system", "5").put("weather", 300),
        config.getJsonObject(PulseSettings.SECTIONS).getJsonObject("schedule"));
    PulseSettings settings = PulseSettings.from(config);
    assertEquals(9090, settings.httpPort());
    assertEquals(java.util.List.of("10.0.0.2", "10.0.0.3:5702"), settings.clusterMembers());
  }

  @Test
  void fileOverridesDefaultsAndCommandLineOverridesFile(Vertx vertx, VertxTestContext test, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("pulse.json");
    Files.writeString(file, "{\"http_port\": 8181, \"node_id\": \"from-file\", \"sections\": {\"schedule\": {\"system\": 12}}}");
    PulseConfig.load(vertx, file.toString(), new JsonObject().put("node_id", "CAM_L"))
        .onComplete(test.succeeding(config -> test.verify(() -> {
          PulseSettings settings = PulseSettings.from(config);
          assertEquals(8181, settings.httpPort());
          assertEquals("CAM_L", settings.nodeId());
          assertEquals(12, config.getJsonObject("sections").getJsonObject("schedule").getInteger("system"));
          test.completeNow();
        })));
  }

  @Test
  void aMissingConfigFileIsFine(Vertx vertx, VertxTestContext test, @TempDir Path dir) {
    PulseConfig.load(vertx, dir.resolve("absent.json").toString(), new JsonObject())
        .onComplete(test.succeeding(config -> test.verify(() -> {
          assertEquals(30, config.getJsonObject("sections").getJsonObject("schedule").getInteger("system"));
          test.completeNow();
        })));
  }

  @Test
  void badValuesAreRefusedWithTheKeyInTheMessage() {
    var port = assertThrows(IllegalArgumentException.class, () -> PulseSettings.from(new JsonObject().put("http_port", "80a")));
    assertTrue(port.getMessage().contains("http_port"));
    var range = assertThrows(IllegalArgumentException.class, () -> PulseSettings.from(new JsonObject().put("http_port", 70000)));
    assertTrue(range.getMessage().contains("between"));
    var node = assertThrows(IllegalArgumentException.class, () -> PulseSettings.from(new JsonObject().put("node_id", "a b")));
    assertTrue(node.getMessage().contains("node id"));
    var redis = assertThrows(IllegalArgumentException.class, () -> PulseSettings.from(new JsonObject().put("redis_url", "http://x")));
    assertTrue(redis.getMessage().contains("redis_url"));
  }

  @Test
  void theOriginalAuthVariablesSeedTheAuthSection() {
    String hash = at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
    JsonObject config = PulseConfig.fromEnvironmentNames(new JsonObject()
        .put("AUTH_ENABLED", "true")
        .put("AUTH_USERNAME", "coach")
        .put("AUTH_PASSWORD_HASH", hash)
        .put("AUTH_VIEWER_USERNAME", "parent")
        .put("AUTH_VIEWER_PASSWORD_HASH", hash)
        .put("AUTH_ANONYMOUS_READ", "false"));
    JsonObject auth = ConfigSections.validate("auth", config.getJsonObject(PulseSettings.SECTIONS).getJsonObject("auth"));
    assertTrue(auth.getBoolean("enabled"));
    assertFalse(auth.getBoolean("anonymous_read"));
    assertEquals(new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("username", "coach").put("password_hash", hash).put("role", "operator"))
            .add(new JsonObject().put("username", "parent").put("password_hash", hash).put("role", "viewer")),
        auth.getJsonArray("users"));
  }

  @Test
  void authEnabledWithoutAValidOperatorHashIsRefusedWithoutEchoingTheValue() {
    JsonObject config = PulseConfig.fromEnvironmentNames(new JsonObject()
        .put("AUTH_ENABLED", "true").put("AUTH_USERNAME", "coach").put("AUTH_PASSWORD_HASH", "plaintext-oops"));
    var error = assertThrows(IllegalArgumentException.class,
        () -> ConfigSections.validate("auth", config.getJsonObject(PulseSettings.SECTIONS).getJsonObject("auth")));
    assertTrue(error.getMessage().contains("bcrypt"), error.getMessage());
    assertFalse(error.getMessage().contains("plaintext-oops"));
    var noOperator = assertThrows(IllegalArgumentException.class,
        () -> ConfigSections.validate("auth", new JsonObject().put("enabled", true)));
    assertTrue(noOperator.getMessage().contains("pulse passwd"), noOperator.getMessage());
    assertEquals(new JsonObject().put("enabled", false).put("anonymous_read", true).put("users", new io.vertx.core.json.JsonArray()),
        ConfigSections.validate("auth", new JsonObject()));
  }

  @Test
  void aSourceSetUpInTheEnvironmentIsSeededAndScheduled() {
    JsonObject sections = PulseConfig.fromEnvironmentNames(new JsonObject()
        .put("PIHOLE_HOST", "http://pi.hole").put("PIHOLE_PASSWORD", "pw")
        .put(PulseSettings.SECTIONS, new JsonObject().put("schedule", new JsonObject().put("system", 30))))
        .getJsonObject(PulseSettings.SECTIONS);
    assertEquals(new JsonObject().put("host", "http://pi.hole").put("password", "pw"), sections.getJsonObject("pihole"));
    assertEquals(new JsonObject().put("system", 30).put("pihole", 30), sections.getJsonObject("schedule"));

    JsonObject overridden = PulseConfig.fromEnvironmentNames(new JsonObject()
        .put("PIHOLE_HOST", "http://pi.hole").put("SCHEDULE_PIHOLE", "120")).getJsonObject(PulseSettings.SECTIONS);
    assertEquals("120", overridden.getJsonObject("schedule").getValue("pihole"));
    assertFalse(PulseConfig.fromEnvironmentNames(new JsonObject()).containsKey(PulseSettings.SECTIONS),
        "nothing configured, nothing scheduled beyond the defaults");
  }

  @Test
  void theSenseHatVariablesSeedItsSectionWithoutScheduling() {
    JsonObject sections = PulseConfig.fromEnvironmentNames(new JsonObject()
        .put("DISPLAY_ROTATION", "180").put("DISABLE_PI_LEDS", "true")).getJsonObject(PulseSettings.SECTIONS);
    assertEquals(new JsonObject().put("display_rotation", "180").put("disable_pi_leds", "true"), sections.getJsonObject("sense_hat"));
    // Persistent, on the node with the HAT: the orchestrator never schedules it.
    assertFalse(sections.containsKey("schedule"));
  }

  @Test
  void cameraConfigSeedsTheCameraSectionAsTextAndSchedulesNothing() {
    String cameras = "[{\"id\":\"door\",\"rtsp_url\":\"rtsp://10.0.0.5/s\"}]";
    JsonObject sections = PulseConfig.fromEnvironmentNames(new JsonObject().put("CAMERA_CONFIG", cameras))
        .getJsonObject(PulseSettings.SECTIONS);
    assertEquals(new JsonObject().put("cameras", cameras), sections.getJsonObject("camera"), "the camera module's validator reads the text");
    assertFalse(sections.containsKey("schedule"), "a camera streams on demand, it is not polled");
  }

  @Test
  void scheduleSectionIsValidatedAndNormalised() {
    assertEquals(new JsonObject().put("system", 5), ConfigSections.validate("schedule", new JsonObject().put("system", "5")));
    assertThrows(IllegalArgumentException.class, () -> ConfigSections.validate("schedule", new JsonObject().put("system", 0)));
    assertThrows(IllegalArgumentException.class, () -> ConfigSections.validate("schedule", new JsonObject().put("Bad:Id", 5)));
    assertThrows(IllegalArgumentException.class, () -> ConfigSections.validate("nope", new JsonObject()));
  }
}

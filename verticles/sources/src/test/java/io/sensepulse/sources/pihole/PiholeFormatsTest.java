package io.sensepulse.sources.pihole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Reading;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The recorded answers of Pi-hole v6 and v5, parsed on strings alone. */
class PiholeFormatsTest {

  @Test
  void v6LoginGivesTheSessionAndHidesItWhenPrinted() {
    AuthAnswer answer = AuthAnswer.parse(Recorded.text("v6-auth.json"));
    assertTrue(answer.valid());
    assertEquals(Optional.of(Recorded.SID), answer.sid());
    assertEquals(1800, answer.validitySeconds());
    assertEquals("password correct", answer.message());
    assertFalse(answer.toString().contains(Recorded.SID));
  }

  @Test
  void v6WithoutPasswordIsValidWithoutSession() {
    AuthAnswer answer = AuthAnswer.parse(Recorded.text("v6-auth-no-password.json"));
    assertTrue(answer.valid());
    assertEquals(Optional.empty(), answer.sid());
    assertEquals("no password set", answer.message());
  }

  @Test
  void v6WrongPasswordIsInvalid() {
    AuthAnswer answer = AuthAnswer.parse(Recorded.text("v6-auth-wrong-password.json"));
    assertFalse(answer.valid());
    assertEquals("password incorrect", answer.message());
  }

  @Test
  void v6SummaryAndBlocking() {
    PiholeStats stats = PiholeStats.fromV6(Recorded.text("v6-summary.json"), Recorded.text("v6-blocking.json"));
    assertEquals(new PiholeStats("v6", 23456, 3456, 14.733969688415527, 124567, 17, new Blocking("enabled", Optional.empty())),
        stats);
  }

  @Test
  void v6BlockingWithTimer() {
    assertEquals(new Blocking("disabled", Optional.of(300L)), Blocking.fromV6(Recorded.text("v6-blocking-disabled-timer.json")));
  }

  @Test
  void v6ErrorsAreDescribed() {
    assertEquals(Optional.of("unauthorized: Unauthorized"), ApiError.describe(Recorded.text("v6-unauthorized.json")));
    assertEquals(Optional.of("bad_request: No 2FA token found in JSON payload"),
        ApiError.describe(Recorded.text("v6-auth-2fa-missing.json")));
    assertEquals(Optional.empty(), ApiError.describe(Recorded.text("not-found.html")));
    assertEquals(Optional.empty(), ApiError.describe(Recorded.text("v6-blocking.json")));
  }

  @Test
  void v5SummaryRaw() {
    assertEquals(new PiholeStats("v5", 23456, 3456, 14.73397, 124567, 17, new Blocking("enabled", Optional.empty())),
        PiholeStats.fromV5(Recorded.text("v5-summaryRaw.json")));
  }

  @Test
  void v5EmptyArrayMeansTheTokenWasRefused() {
    UnauthorizedException error = assertThrows(UnauthorizedException.class,
        () -> PiholeStats.fromV5(Recorded.text("v5-unauthorized.json")));
    assertTrue(error.getMessage().contains("API token"), error.getMessage());
  }

  @Test
  void v5BlockingAnswers() {
    assertEquals(new Blocking("disabled", Optional.empty()), Blocking.fromV5(Recorded.text("v5-disable.json")));
    assertEquals(new Blocking("enabled", Optional.empty()), Blocking.fromV5(Recorded.text("v5-enable.json")));
  }

  /** v5's token is WEBPASSWORD: sha256(sha256(password) as hex) as hex; the expected value computed with Python's hashlib. */
  @Test
  void v5TokenIsTheDoubleSha256OfThePassword() {
    assertEquals("998ed4d621742d0c2d85ed84173db569afa194d4597686cae947324aa58ab4bb", V5.token("admin"));
  }

  @Test
  void htmlEmptyAndWrongShapesFailClearly() {
    assertEquals("an HTML page, not JSON",
        assertThrows(IllegalArgumentException.class, () -> PiholeStats.fromV5(Recorded.text("not-found.html"))).getMessage());
    assertEquals("an empty answer, not JSON",
        assertThrows(IllegalArgumentException.class, () -> AuthAnswer.parse("")).getMessage());
    assertEquals("summary.queries is not a JSON object",
        assertThrows(IllegalArgumentException.class,
            () -> PiholeStats.fromV6("{\"queries\":[]}", Recorded.text("v6-blocking.json"))).getMessage());
    assertEquals("summary.queries.total is missing or not a whole number >= 0",
        assertThrows(IllegalArgumentException.class, () -> PiholeStats.fromV6(
            "{\"queries\":{\"total\":\"many\"},\"clients\":{},\"gravity\":{}}", Recorded.text("v6-blocking.json"))).getMessage());
    assertEquals("answer.session is not a JSON object",
        assertThrows(IllegalArgumentException.class, () -> AuthAnswer.parse(Recorded.text("v6-blocking.json"))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Blocking.fromV6("{\"blocking\":\"maybe\",\"timer\":null}"));
    assertEquals("text after the JSON value",
        assertThrows(IllegalArgumentException.class, () -> Blocking.fromV6("{\"blocking\":\"enabled\"} {}")).getMessage());
  }

  @Test
  void readingsOfAPoll() {
    PiholeStats stats = PiholeStats.fromV6(Recorded.text("v6-summary.json"), Recorded.text("v6-blocking-disabled-timer.json"));
    Map<String, Reading> byName = PiholeReadings.of(stats, 1_700_000_000.5).stream()
        .collect(Collectors.toMap(Reading::sensor, Function.identity()));
    assertEquals(23456L, byName.get("queries_today").value());
    assertEquals(3456L, byName.get("blocked_today").value());
    assertEquals(14.73, byName.get("percent_blocked").value());
    assertEquals("%", byName.get("percent_blocked").unit());
    assertEquals(124567L, byName.get("domains_blocked").value());
    assertEquals(17L, byName.get("clients").value());
    assertEquals("disabled", byName.get("blocking").value());
    assertEquals(300L, byName.get("blocking_timer").value());
    assertEquals("s", byName.get("blocking_timer").unit());
    assertEquals("v6", byName.get("api_version").value());
    assertEquals(8, byName.size());
    assertEquals(1_700_000_000.5, byName.get("clients").timestamp());
  }
}

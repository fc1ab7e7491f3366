package io.sensepulse.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class JsonTreeTest {
  private static final String SECRET = "sid-Zq8x3N0tS3cr3t";

  private static String failure(Supplier<?> call) {
    return assertThrows(IllegalArgumentException.class, call::get).getMessage();
  }

  @Test
  void nestedDocumentsBecomePlainJavaValuesInDocumentOrder() {
    Map<String, Object> root = JsonTree.object(JsonTree.parse("""
        {"session": {"valid": true, "sid": null, "tags": ["a", 1, [false]]}, "took": 0.04, "z": 1, "a": 2}
        """), "answer");

    assertEquals(List.of("session", "took", "z", "a"), List.copyOf(root.keySet()));
    Map<String, Object> session = JsonTree.object(root, "session", "answer");
    assertEquals(Boolean.TRUE, session.get("valid"));
    assertTrue(session.containsKey("sid"));
    assertNull(session.get("sid"));
    assertEquals(List.of("a", 1L, List.of(false)), session.get("tags"));
    assertEquals(List.of("a", 1L, List.of(false)), JsonTree.list(session, "tags"));
    assertEquals(Optional.empty(), JsonTree.optionalObject(root, "missing"));
    assertEquals(List.of(), JsonTree.list(root, "missing"));
    assertTrue(JsonTree.isJson(" [] "));
    assertFalse(JsonTree.isJson("{\"a\":1"));
  }

  @Test
  void integersAreLongsOrBigIntegersAndDecimalsAreDoubles() {
    Map<String, Object> numbers = JsonTree.object(JsonTree.parse(
        "{\"int\": 42, \"long\": 9007199254740993, \"double\": 2.5, \"exp\": 1e3, \"huge\": 123456789012345678901234567890,"
            + " \"negative\": -7, \"whole\": 5.0}"), "numbers");

    assertEquals(42L, numbers.get("int"));
    assertEquals(9_007_199_254_740_993L, numbers.get("long"));
    assertEquals(2.5, numbers.get("double"));
    assertEquals(1000.0, numbers.get("exp"));
    assertEquals(new BigInteger("123456789012345678901234567890"), numbers.get("huge"));
    assertInstanceOf(Long.class, numbers.get("int"));

    assertEquals(9_007_199_254_740_993L, JsonTree.count(numbers, "long", "numbers"));
    assertEquals(5L, JsonTree.count(numbers, "whole", "numbers"));
    assertEquals(2.5, JsonTree.number(numbers, "double", "numbers"));
    assertEquals(-7.0, JsonTree.number(numbers, "negative"));
    assertEquals("numbers.negative is missing or not a whole number >= 0",
        failure(() -> JsonTree.count(numbers, "negative", "numbers")));
    assertEquals("numbers.double is missing or not a whole number >= 0",
        failure(() -> JsonTree.count(numbers, "double", "numbers")));
    assertEquals("numbers.huge is missing or not a whole number >= 0",
        failure(() -> JsonTree.count(numbers, "huge", "numbers")));

    assertEquals("{\"int\":42,\"long\":9007199254740993,\"double\":2.5,\"exp\":1000.0,"
            + "\"huge\":123456789012345678901234567890,\"negative\":-7,\"whole\":5.0}",
        JsonTree.write(numbers));
    assertEquals("[null,true,\"x\\\"y\",{}]", JsonTree.write(java.util.Arrays.asList(null, true, "x\"y", Map.of())));
  }

  @Test
  void missingOrWronglyTypedFieldsAreNamedByTheirPath() {
    Map<String, Object> root = JsonTree.object(JsonTree.parse(
        "{\"queries\": {\"total\": \"many\", \"name\": 3, \"on\": \"yes\", \"list\": {}}}"), "summary");
    Map<String, Object> queries = JsonTree.object(root, "queries", "summary");

    assertEquals("summary is not a JSON object", failure(() -> JsonTree.object(JsonTree.parse("[1,2]"), "summary")));
    assertEquals("summary.gravity is not a JSON object", failure(() -> JsonTree.object(root, "gravity", "summary")));
    assertEquals("summary.queries.total is missing or not a whole number >= 0",
        failure(() -> JsonTree.count(queries, "total", "summary.queries")));
    assertEquals("summary.queries.blocked is missing or not a whole number >= 0",
        failure(() -> JsonTree.count(queries, "blocked", "summary.queries")));
    assertEquals("summary.queries.total is missing or not a number",
        failure(() -> JsonTree.number(queries, "total", "summary.queries")));
    assertEquals("percent is missing or not a number", failure(() -> JsonTree.number(queries, "percent")));
    assertEquals("summary.queries.name is missing or not a string",
        failure(() -> JsonTree.string(queries, "name", "summary.queries")));
    assertEquals("name must be a string", failure(() -> JsonTree.stringOr(queries, "name", "")));
    assertEquals("fallback", JsonTree.stringOr(queries, "absent", "fallback"));
    assertEquals("on must be true or false", failure(() -> JsonTree.boolOr(queries, "on", false)));
    assertTrue(JsonTree.boolOr(queries, "absent", true));
    assertEquals("list must be a JSON array", failure(() -> JsonTree.list(queries, "list")));
    assertEquals("total is not a JSON object", failure(() -> JsonTree.optionalObject(queries, "total")));
  }

  @Test
  void textThatIsNotOneJsonValueIsRefusedInGeneralTerms() {
    assertEquals("an empty answer, not JSON", failure(() -> JsonTree.parse("  \n")));
    assertEquals("an HTML page, not JSON", failure(() -> JsonTree.parse("\n<!DOCTYPE html><html>")));
    assertEquals("not JSON", failure(() -> JsonTree.parse("{\"a\": tru}")));
    assertEquals("text after the JSON value", failure(() -> JsonTree.parse("{} {}")));
  }

  @Test
  void noErrorQuotesThePayload() {
    List<String> bad = List.of(
        "<html><body>" + SECRET + "</body></html>",
        "{\"session\": {\"sid\": \"" + SECRET + "\"",
        "{\"sid\": \"" + SECRET + "\"} trailing",
        "{\"sid\": " + SECRET + "}",
        SECRET,
        "[\"" + SECRET + "\"]  " + SECRET);
    for (String text : bad) {
      String message = failure(() -> JsonTree.parse(text));
      assertFalse(message.contains(SECRET), message);
      assertFalse(message.contains("sid"), message);
    }

    Map<String, Object> root = JsonTree.object(JsonTree.parse(
        "{\"session\": {\"sid\": \"" + SECRET + "\", \"validity\": \"" + SECRET + "\", \"valid\": \"" + SECRET + "\"}}"),
        "answer");
    Map<String, Object> session = JsonTree.object(root, "session", "answer");
    List<Supplier<?>> calls = List.of(
        () -> JsonTree.object(session, "sid", "answer.session"),
        () -> JsonTree.object(session.get("sid"), "answer.session.sid"),
        () -> JsonTree.optionalObject(session, "sid"),
        () -> JsonTree.list(session, "sid"),
        () -> JsonTree.count(session, "validity", "answer.session"),
        () -> JsonTree.number(session, "validity", "answer.session"),
        () -> JsonTree.number(session, "validity"),
        () -> JsonTree.boolOr(session, "valid", false),
        () -> JsonTree.string(Map.of("sid", List.of(SECRET)), "sid", "answer.session"),
        () -> JsonTree.stringOr(Map.of("sid", List.of(SECRET)), "sid", ""));
    for (Supplier<?> call : calls) {
      String message = failure(call);
      assertFalse(message.contains(SECRET), message);
    }
  }
}

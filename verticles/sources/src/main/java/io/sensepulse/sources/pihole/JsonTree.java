package io.sensepulse.sources.pihole;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pi-hole answers as plain Java values (Map, List, String, Number, Boolean, null), read with the
 * streaming parser so the format classes take text, not Vert.x types. Field access helpers fail
 * with the JSON path of what is missing or of the wrong type, never with the text of the answer:
 * an answer may carry a session id.
 */
final class JsonTree {
  private JsonTree() {}

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Parses one JSON value; IllegalArgumentException for anything else (an HTML page, an empty answer). */
  static Object parse(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("an empty answer, not JSON");
      }
      Object value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("text after the JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text.stripLeading().startsWith("<") ? "an HTML page, not JSON" : "not JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the text is a JSON value; used to tell a Pi-hole API from a web server that has none. */
  static boolean isJson(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
          String name = parser.currentName();
          object.put(name, read(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(read(parser, next));
        }
        yield array;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("unexpected JSON token " + token);
    };
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String path) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(path + " is not a JSON object");
  }

  static Map<String, Object> object(Map<String, Object> parent, String field, String path) {
    return object(parent.get(field), path + "." + field);
  }

  /** A whole, non-negative count. */
  static long count(Map<String, Object> parent, String field, String path) {
    if (parent.get(field) instanceof Number number && number.doubleValue() >= 0
        && number.doubleValue() == Math.rint(number.doubleValue())) {
      return number.longValue();
    }
    throw new IllegalArgumentException(path + "." + field + " is missing or not a whole number >= 0");
  }

  static double number(Map<String, Object> parent, String field, String path) {
    if (parent.get(field) instanceof Number number && Double.isFinite(number.doubleValue())) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException(path + "." + field + " is missing or not a number");
  }

  static String string(Map<String, Object> parent, String field, String path) {
    if (parent.get(field) instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException(path + "." + field + " is missing or not a string");
  }
}

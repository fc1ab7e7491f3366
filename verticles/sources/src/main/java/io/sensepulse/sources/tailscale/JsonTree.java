package io.sensepulse.sources.tailscale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON text to and from plain Java values (Map, List, String, Number, Boolean, null) with
 * jackson-core, which Vert.x ships anyway: the service parsers stay free of Vert.x types and are
 * tested on strings alone. Every accessor throws IllegalArgumentException naming the field.
 */
public final class JsonTree {
  private JsonTree() {}

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int SNIPPET = 60;

  /** The single JSON value of the text; IllegalArgumentException quoting its start when it is not JSON. */
  public static Object parse(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("the answer is empty, not JSON");
      }
      Object value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("the answer is not JSON: text follows the value");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the answer is not JSON (starts with '" + snippet(text) + "')");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The start of a text on one line, for error messages: what came instead of JSON. */
  public static String snippet(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= SNIPPET ? line : line.substring(0, SNIPPET) + "...";
  }

  public static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(what + " must be a JSON object");
  }

  /** An object field that may be absent or null. */
  public static Optional<Map<String, Object>> optionalObject(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value == null ? Optional.empty() : Optional.of(object(value, key));
  }

  /** An array field; absent or null is empty (Go writes a nil slice or map as null). */
  public static List<Object> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> items) {
      return Collections.unmodifiableList(items);
    }
    throw new IllegalArgumentException(key + " must be a JSON array");
  }

  public static String string(Map<String, Object> parent, String key, String fallback) {
    Object value = parent.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException(key + " must be a string");
  }

  public static boolean bool(Map<String, Object> parent, String key, boolean fallback) {
    Object value = parent.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw new IllegalArgumentException(key + " must be true or false");
  }

  public static double number(Map<String, Object> parent, String key) {
    if (parent.get(key) instanceof Number number && Double.isFinite(number.doubleValue())) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException(key + " must be a number");
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
          String name = parser.currentName();
          object.put(name, read(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(read(parser, next));
        }
        return array;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getNumberValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("the answer is not JSON: unexpected " + token);
    }
  }

  private static void write(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(entry.getKey().toString());
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object item : list) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else if (value instanceof Boolean flag) {
      generator.writeBoolean(flag);
    } else if (value instanceof Long || value instanceof Integer) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number number) {
      generator.writeNumber(number.doubleValue());
    } else {
      generator.writeString(value.toString());
    }
  }
}

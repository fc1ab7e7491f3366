package io.sensepulse.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON text to and from plain Java values with jackson-core's streaming parser, which Vert.x ships
 * anyway, so the format parsers of the sources carry no Vert.x types and are tested on strings alone.
 *
 * <p>A parsed value is a {@code Map<String, Object>} (keys in document order), a {@code List<Object>},
 * a String, a Long (an integer that fits, else a BigInteger), a Double, a Boolean or null.
 *
 * <p>Every failure is an IllegalArgumentException that names the JSON path or field at fault and
 * never quotes the text: an answer may carry a session id or a token. A {@code path} argument names
 * the parent object ("summary.queries"); messages then name {@code path.field}.
 */
public final class JsonTree {
  private JsonTree() {}

  private static final JsonFactory FACTORY = new JsonFactory();
  /** 2^63: the first whole double that a long cannot hold. */
  private static final double LONG_LIMIT = 0x1p63;

  /**
   * The single JSON value of the text. Fails with "an empty answer, not JSON", "an HTML page, not
   * JSON", "not JSON" or "text after the JSON value"; never with the text itself.
   */
  public static Object parse(String text) {
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
      // e.getMessage() quotes the offending text: never pass it on.
      throw new IllegalArgumentException(text.stripLeading().startsWith("<") ? "an HTML page, not JSON" : "not JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the text is exactly one JSON value (an HTML page or an empty body is not). */
  public static boolean isJson(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Compact JSON text of a tree of Map, List, String, Number, Boolean and null; other values as their string. */
  public static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The value as an object; "{what} is not a JSON object" otherwise. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(what + " is not a JSON object");
  }

  /** A required object field: "{path}.{field} is not a JSON object" when missing or of another type. */
  public static Map<String, Object> object(Map<String, Object> parent, String field, String path) {
    return object(parent.get(field), at(path, field));
  }

  /** An object field that may be absent or null; "{field} is not a JSON object" when of another type. */
  public static Optional<Map<String, Object>> optionalObject(Map<String, Object> parent, String field) {
    Object value = parent.get(field);
    return value == null ? Optional.empty() : Optional.of(object(value, field));
  }

  /** An array field, unmodifiable; absent or null is empty (Go writes a nil slice as null). */
  public static List<Object> list(Map<String, Object> parent, String field) {
    Object value = parent.get(field);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> items) {
      return Collections.unmodifiableList(items);
    }
    throw new IllegalArgumentException(field + " must be a JSON array");
  }

  /** A required string field. */
  public static String string(Map<String, Object> parent, String field, String path) {
    if (parent.get(field) instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException(at(path, field) + " is missing or not a string");
  }

  /** A string field that may be absent or null, then the fallback; "{field} must be a string" when of another type. */
  public static String stringOr(Map<String, Object> parent, String field, String fallback) {
    return optional(parent, field, String.class, fallback, "a string");
  }

  /** A boolean field that may be absent or null, then the fallback; "{field} must be true or false" otherwise. */
  public static boolean boolOr(Map<String, Object> parent, String field, boolean fallback) {
    return optional(parent, field, Boolean.class, fallback, "true or false");
  }

  /** A required finite number field of an object named by its field alone. */
  public static double number(Map<String, Object> parent, String field) {
    return number(parent, field, "");
  }

  /** A required finite number field. */
  public static double number(Map<String, Object> parent, String field, String path) {
    if (parent.get(field) instanceof Number number && Double.isFinite(number.doubleValue())) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException(at(path, field) + " is missing or not a number");
  }

  /** A required whole, non-negative number that fits a long (5.0 counts as 5). */
  public static long count(Map<String, Object> parent, String field, String path) {
    if (parent.get(field) instanceof Number number) {
      double value = number.doubleValue();
      if (value >= 0 && value < LONG_LIMIT && value == Math.rint(value)) {
        return number.longValue();
      }
    }
    throw new IllegalArgumentException(at(path, field) + " is missing or not a whole number >= 0");
  }

  /** The field as a T; the fallback when absent or null; "{field} must be {expected}" when of another type. */
  private static <T> T optional(Map<String, Object> parent, String field, Class<T> type, T fallback, String expected) {
    Object value = parent.get(field);
    if (value == null) {
      return fallback;
    }
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw new IllegalArgumentException(field + " must be " + expected);
  }

  private static String at(String path, String field) {
    return path == null || path.isEmpty() ? field : path + "." + field;
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
      case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? parser.getBigIntegerValue()
          : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("unexpected JSON token " + token);
    };
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
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      generator.writeNumber(big);
    } else if (value instanceof BigDecimal decimal) {
      generator.writeNumber(decimal);
    } else if (value instanceof Number number) {
      generator.writeNumber(number.doubleValue());
    } else {
      generator.writeString(value.toString());
    }
  }
}

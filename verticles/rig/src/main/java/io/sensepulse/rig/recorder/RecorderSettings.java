package io.sensepulse.rig.recorder;

import io.sensepulse.common.Secrets;
import io.sensepulse.rig.capture.CaptureKind;
import io.sensepulse.rig.capture.CaptureSpec;
import io.sensepulse.rig.capture.VideoCodec;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The recorder's settings (docs/CONTRACT.md, "Recorder node"): built-in defaults, then the node's
 * config (file and {@code PULSE_*} environment), then {@code <data_dir>/recorder-config.json}.
 * Values may arrive as text from the environment. Every bad value is reported by its key.
 */
public record RecorderSettings(
    CaptureKind capture,
    VideoCodec codec,
    int width,
    int height,
    int fps,
    double bitrateMbps,
    String bitrateNote,
    int segmentSeconds,
    String audio,
    String device,
    String rtspUrl,
    String position,
    int minFreeMinutes,
    double maxTemperatureC,
    String batteryPath,
    int batteryWarn,
    int batteryBlock,
    double maxOffsetMs,
    int selftestSeconds) {

  public static final String CAPTURE = "capture";
  public static final String CODEC = "codec";
  public static final String RESOLUTION = "resolution";
  public static final String FPS = "fps";
  public static final String BITRATE_MBPS = "bitrate_mbps";
  public static final String SEGMENT_SECONDS = "segment_seconds";
  public static final String AUDIO = "audio";
  public static final String DEVICE = "device";
  public static final String RTSP_URL = "rtsp_url";
  public static final String POSITION = "position";
  public static final String MIN_FREE_MINUTES = "min_free_minutes";
  public static final String MAX_TEMPERATURE_C = "max_temperature_c";
  public static final String BATTERY_PATH = "battery_path";
  public static final String BATTERY_WARN = "battery_warn";
  public static final String BATTERY_BLOCK = "battery_block";
  public static final String MAX_OFFSET_MS = "max_offset_ms";
  public static final String SELFTEST_SECONDS = "selftest_seconds";

  public static final List<String> KEYS = List.of(CAPTURE, CODEC, RESOLUTION, FPS, BITRATE_MBPS, SEGMENT_SECONDS,
      AUDIO, DEVICE, RTSP_URL, POSITION, MIN_FREE_MINUTES, MAX_TEMPERATURE_C, BATTERY_PATH, BATTERY_WARN,
      BATTERY_BLOCK, MAX_OFFSET_MS, SELFTEST_SECONDS);

  /** Where this node encodes (rpicam), a match is recorded at 25-35 Mbps; the test source is exempt. */
  public static final double MIN_ENCODED_MBPS = 25;
  public static final double MAX_ENCODED_MBPS = 35;
  /** The node whose rpicam-vid leads the others' frame timing ({@code --sync server}) and whose clock is the rig's. */
  public static final String MASTER_NODE = "CAM_C";

  private static final Pattern RESOLUTION_TEXT = Pattern.compile("([0-9]{2,4})x([0-9]{2,4})");
  private static final Pattern ALSA_DEVICE = Pattern.compile("[A-Za-z0-9:,_=.-]{1,64}");
  private static final Pattern DEVICE_PATH = Pattern.compile("/[A-Za-z0-9/_.-]{1,120}");
  private static final Pattern BATTERY_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern POSITION_TEXT = Pattern.compile("[A-Za-z0-9 _-]{0,40}");

  /** A value the recorder cannot use: the messages by key. */
  public static final class InvalidSettings extends IllegalArgumentException {
    private final Map<String, String> fields;

    public InvalidSettings(Map<String, String> fields) {
      super("invalid recorder settings: " + fields);
      this.fields = Map.copyOf(fields);
    }

    public Map<String, String> fields() {
      return fields;
    }

    public JsonObject fieldsJson() {
      return new JsonObject(new LinkedHashMap<>(fields));
    }
  }

  /** Reads the settings from {@code values} (any other keys are ignored); {@code nodeId} picks defaults. */
  public static RecorderSettings from(JsonObject values, String nodeId) {
    Map<String, String> errors = new LinkedHashMap<>();
    Reader reader = new Reader(values, errors);
    CaptureKind capture = reader.parse(CAPTURE, "rpicam", CaptureKind::parse);
    VideoCodec codec = reader.parse(CODEC, "h265", VideoCodec::parse);
    int[] size = reader.parse(RESOLUTION, "1920x1080", RecorderSettings::resolution);
    int fps = reader.integer(FPS, 30, 1, 120);
    double requestedMbps = reader.number(BITRATE_MBPS, 30, 0.1, 1000);
    double mbps = requestedMbps;
    String note = "";
    if (capture == CaptureKind.RPICAM && (requestedMbps < MIN_ENCODED_MBPS || requestedMbps > MAX_ENCODED_MBPS)) {
      mbps = Math.max(MIN_ENCODED_MBPS, Math.min(MAX_ENCODED_MBPS, requestedMbps));
      note = "bitrate_mbps " + requestedMbps + " clamped to " + mbps + " (rpicam records at 25-35 Mbps)";
    } else if (capture == CaptureKind.TEST && requestedMbps > MAX_ENCODED_MBPS) {
      reader.error(BITRATE_MBPS, "the test source takes at most " + MAX_ENCODED_MBPS + " Mbps");
    }
    int segmentSeconds = reader.integer(SEGMENT_SECONDS, 60, 1, 3600);
    String audio = reader.parse(AUDIO, "false", text -> audio(text, capture));
    String device = reader.parse(DEVICE, "/dev/video0", text -> matching(text, DEVICE_PATH, "an absolute device path such as /dev/video0"));
    String rtspUrl = reader.parse(RTSP_URL, "", RecorderSettings::rtspUrl);
    if (capture == CaptureKind.RTSP && rtspUrl != null && rtspUrl.isEmpty()) {
      reader.error(RTSP_URL, "is required when capture is rtsp");
    }
    String position = reader.parse(POSITION, defaultPosition(nodeId),
        text -> matching(text, POSITION_TEXT, "at most 40 of letters, digits, space, _ and -"));
    int minFreeMinutes = reader.integer(MIN_FREE_MINUTES, 120, 1, 10_080);
    double maxTemperature = reader.number(MAX_TEMPERATURE_C, 80, 40, 110);
    String batteryPath = reader.parse(BATTERY_PATH, "", RecorderSettings::batteryPath);
    int batteryWarn = reader.integer(BATTERY_WARN, 15, 1, 100);
    int batteryBlock = reader.integer(BATTERY_BLOCK, 10, 0, 99);
    if (!errors.containsKey(BATTERY_WARN) && !errors.containsKey(BATTERY_BLOCK) && batteryBlock >= batteryWarn) {
      reader.error(BATTERY_BLOCK, "must be below battery_warn (" + batteryWarn + ")");
    }
    double maxOffset = reader.number(MAX_OFFSET_MS, 50, 0.1, 60_000);
    int selftestSeconds = reader.integer(SELFTEST_SECONDS, 10, 1, 60);
    if (!errors.isEmpty()) {
      throw new InvalidSettings(errors);
    }
    return new RecorderSettings(capture, codec, size[0], size[1], fps, mbps, note, segmentSeconds, audio, device,
        rtspUrl, position, minFreeMinutes, maxTemperature, batteryPath, batteryWarn, batteryBlock, maxOffset,
        selftestSeconds);
  }

  /** Checks an update of the stored overrides: unknown keys are errors too. */
  public static RecorderSettings validateUpdate(JsonObject base, JsonObject update, String nodeId) {
    Map<String, String> unknown = new LinkedHashMap<>();
    for (String key : update.fieldNames()) {
      if (!KEYS.contains(key)) {
        unknown.put(key, "unknown setting; known: " + String.join(", ", KEYS));
      }
    }
    try {
      RecorderSettings settings = from(base.copy().mergeIn(update), nodeId);
      if (!unknown.isEmpty()) {
        throw new InvalidSettings(unknown);
      }
      return settings;
    } catch (InvalidSettings invalid) {
      unknown.putAll(invalid.fields());
      throw new InvalidSettings(unknown);
    }
  }

  public CaptureSpec captureSpec(String nodeId) {
    return new CaptureSpec(capture, width, height, fps, (int) Math.round(bitrateMbps * 1000), audio, device, rtspUrl,
        MASTER_NODE.equals(nodeId));
  }

  /** Bytes a minute of recording takes at the configured bitrate. */
  public double bytesPerMinute() {
    return bitrateMbps * 1_000_000 / 8 * 60;
  }

  public String resolution() {
    return width + "x" + height;
  }

  /** The settings as the API shows them: the camera URL's credentials hidden. */
  public JsonObject toPublicJson() {
    return new JsonObject()
        .put(CAPTURE, capture.configName())
        .put(CODEC, codec.configName())
        .put(RESOLUTION, resolution())
        .put(FPS, fps)
        .put(BITRATE_MBPS, bitrateMbps)
        .put(SEGMENT_SECONDS, segmentSeconds)
        .put(AUDIO, audio == null ? (Object) false : audio)
        .put(DEVICE, device)
        .put(RTSP_URL, Secrets.redactUrl(rtspUrl))
        .put(POSITION, position)
        .put(MIN_FREE_MINUTES, minFreeMinutes)
        .put(MAX_TEMPERATURE_C, maxTemperatureC)
        .put(BATTERY_PATH, batteryPath)
        .put(BATTERY_WARN, batteryWarn)
        .put(BATTERY_BLOCK, batteryBlock)
        .put(MAX_OFFSET_MS, maxOffsetMs)
        .put(SELFTEST_SECONDS, selftestSeconds);
  }

  static String defaultPosition(String nodeId) {
    return switch (nodeId == null ? "" : nodeId.toUpperCase(Locale.ROOT)) {
      case "CAM_L" -> "left";
      case "CAM_C" -> "centre";
      case "CAM_R" -> "right";
      default -> "";
    };
  }

  private static int[] resolution(String text) {
    var matcher = RESOLUTION_TEXT.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("must be WIDTHxHEIGHT, e.g. 1920x1080");
    }
    int width = Integer.parseInt(matcher.group(1));
    int height = Integer.parseInt(matcher.group(2));
    if (width < 160 || width > 4096 || height < 90 || height > 2160 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("must be even sizes from 160x90 to 4096x2160, got " + text);
    }
    return new int[] {width, height};
  }

  /** false/off: none; true/on: the test tone, the camera's audio or ALSA's default; otherwise an ALSA device. */
  private static String audio(String text, CaptureKind capture) {
    String lower = text.trim().toLowerCase(Locale.ROOT);
    if (List.of("false", "off", "no", "0", "").contains(lower)) {
      return null;
    }
    if (List.of("true", "on", "yes", "1").contains(lower)) {
      return capture == CaptureKind.TEST ? CaptureSpec.TEST_TONE : capture == CaptureKind.RTSP ? "camera" : "default";
    }
    return matching(text.trim(), ALSA_DEVICE, "true, false or an ALSA device such as hw:1,0");
  }

  private static String rtspUrl(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) || text.length() > 500
        || text.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("must be an rtsp:// or rtsps:// URL without spaces");
    }
    return text;
  }

  /** A power_supply name (read as sys_root/class/power_supply/NAME/capacity) or an absolute file path. */
  private static String batteryPath(String text) {
    if (text.isEmpty() || BATTERY_NAME.matcher(text).matches() && !text.contains("..")) {
      return text;
    }
    if (text.startsWith("/") && !text.contains("..") && text.length() <= 300) {
      return text;
    }
    throw new IllegalArgumentException("must be a power_supply name such as BAT0 or an absolute file path");
  }

  private static String matching(String text, Pattern pattern, String expected) {
    if (!pattern.matcher(text).matches() || text.contains("..")) {
      throw new IllegalArgumentException("must be " + expected);
    }
    return text;
  }

  /** Reads values leniently (text or JSON), collecting one message per bad key. */
  private record Reader(JsonObject values, Map<String, String> errors) {
    void error(String key, String message) {
      errors.putIfAbsent(key, key + " " + message);
    }

    <T> T parse(String key, String fallback, java.util.function.Function<String, T> parser) {
      Object raw = values.getValue(key);
      String text = raw == null ? fallback : raw.toString();
      if (raw != null && !(raw instanceof String || raw instanceof Boolean || raw instanceof Number)) {
        error(key, "must be a single value");
        return null;
      }
      try {
        return parser.apply(text);
      } catch (IllegalArgumentException e) {
        error(key, e.getMessage());
        return null;
      }
    }

    int integer(String key, int fallback, int min, int max) {
      double value = number(key, fallback, min, max);
      if (value != Math.rint(value)) {
        error(key, "must be a whole number");
      }
      return (int) value;
    }

    double number(String key, double fallback, double min, double max) {
      Object raw = values.getValue(key);
      double value;
      if (raw == null) {
        value = fallback;
      } else if (raw instanceof Number number) {
        value = number.doubleValue();
      } else if (raw instanceof String text) {
        try {
          value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
          error(key, "must be a number, got '" + text + "'");
          return fallback;
        }
      } else {
        error(key, "must be a number");
        return fallback;
      }
      if (!(value >= min && value <= max)) {
        error(key, "must be between " + format(min) + " and " + format(max) + ", got " + format(value));
        return fallback;
      }
      return value;
    }

    private static String format(double value) {
      return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
  }
}

package io.sensepulse.camera;

import io.sensepulse.common.Ids;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.Secrets;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code config:camera} section: {@code {"cameras": [{"id", "name", "rtsp_url", "transport":
 * "tcp"|"udp", "onvif": {"host", "port", "username", "password"}, "node"}]}}; {@code node} names the
 * node whose streamer pulls the camera (default: the orchestrator's). {@code cameras} may also be the
 * JSON text of the {@code CAMERA_CONFIG} variable: that list, or the whole {@code {"cameras": [...]}}.
 */
public record CameraConfig(List<Camera> cameras) {
  public static final String SECTION = "camera";
  public static final String CAMERAS = "cameras";
  /** Camera ids end up in bus addresses, URL paths, sensor names, folder names and status fields: no '.', '/' or ':'. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  public static final int MAX_CAMERAS = 16;
  private static final int MAX_TEXT = 512;
  private static final Set<String> CAMERA_FIELDS = Set.of("id", "name", "rtsp_url", "transport", "onvif", "node");
  private static final Set<String> ONVIF_FIELDS = Set.of("host", "port", "username", "password");

  public CameraConfig {
    cameras = List.copyOf(cameras);
  }

  /**
   * ONVIF access for PTZ; host defaults to the RTSP URL's host, port to 80.
   * Never printed whole: {@link #toString()} hides the password.
   */
  public record Onvif(String host, int port, String username, String password) {
    public JsonObject toJson() {
      return new JsonObject().put("host", host).put("port", port).put("username", username).put("password", password);
    }

    @Override
    public String toString() {
      return "Onvif[host=" + host + ", port=" + port + ", username=" + username + ", password="
          + (password.isEmpty() ? "none" : "<hidden>") + "]";
    }
  }

  /**
   * One network camera.
   *
   * @param rtspUrl may carry credentials ({@code rtsp://user:pass@host/path}): show it only through
   *     {@link #safeUrl()}
   * @param onvif null when the camera has no ONVIF settings (no PTZ)
   * @param node the node that streams it, null for the orchestrator's own
   */
  public record Camera(String id, String name, String rtspUrl, String transport, Onvif onvif, String node) {
    /** The RTSP URL with its credentials replaced, fit for logs, status and replies. */
    public String safeUrl() {
      return Secrets.redactUrl(rtspUrl);
    }

    /** The secrets this camera holds (RTSP user info and password, ONVIF password), to scrub from any text. */
    public List<String> secrets() {
      List<String> secrets = new ArrayList<>();
      String userInfo = URI.create(rtspUrl).getRawUserInfo();
      if (userInfo != null) {
        secrets.add(userInfo);
        int colon = userInfo.indexOf(':');
        if (colon >= 0 && colon < userInfo.length() - 1) {
          String password = userInfo.substring(colon + 1);
          secrets.add(password);
          secrets.add(URLDecoder.decode(password, StandardCharsets.UTF_8));
        }
      }
      if (onvif != null && !onvif.password().isEmpty()) {
        secrets.add(onvif.password());
      }
      return secrets;
    }

    /**
     * Text fit to show: URLs' user info and this camera's own secrets replaced, since ffmpeg echoes
     * the URL and errors may quote it. Secrets under three characters are left alone: replacing
     * them would garble every word.
     */
    public String redact(String text) {
      String redacted = Secrets.redactUrl(text);
      for (String secret : secrets()) {
        if (secret.length() >= 3) {
          redacted = redacted.replace(secret, Secrets.REDACTED);
        }
      }
      return redacted;
    }

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("id", id).put("name", name).put("rtsp_url", rtspUrl).put("transport", transport);
      if (onvif != null) {
        json.put("onvif", onvif.toJson());
      }
      if (node != null) {
        json.put("node", node);
      }
      return json;
    }

    @Override
    public String toString() {
      return "Camera[id=" + id + ", name=" + name + ", rtsp_url=" + safeUrl() + ", transport=" + transport
          + ", onvif=" + onvif + ", node=" + node + "]";
    }
  }

  /** The section validator for ConfigSections: the normalised document. */
  public static JsonObject validate(JsonObject section) {
    return from(section).toJson();
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    cameras.forEach(camera -> list.add(camera.toJson()));
    return new JsonObject().put(CAMERAS, list);
  }

  /** Reads and checks a section; throws IllegalArgumentException with a message fit for the user (never a secret). */
  public static CameraConfig from(JsonObject section) {
    for (String field : section.fieldNames()) {
      if (!CAMERAS.equals(field)) {
        throw new IllegalArgumentException("camera: unknown field '" + field + "'; known: cameras");
      }
    }
    JsonArray list = list(section.getValue(CAMERAS));
    if (list.size() > MAX_CAMERAS) {
      throw new IllegalArgumentException("camera: at most " + MAX_CAMERAS + " cameras");
    }
    List<Camera> cameras = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Object entry : list) {
      if (!(entry instanceof JsonObject object)) {
        throw new IllegalArgumentException("camera.cameras entries must be objects {id, name, rtsp_url, transport, onvif}");
      }
      Camera camera = camera(object);
      if (!ids.add(camera.id())) {
        throw new IllegalArgumentException("camera: id '" + camera.id() + "' is listed twice");
      }
      cameras.add(camera);
    }
    return new CameraConfig(cameras);
  }

  private static JsonArray list(Object raw) {
    if (raw == null) {
      return new JsonArray();
    }
    if (raw instanceof JsonArray array) {
      return array;
    }
    if (raw instanceof String text) {
      if (text.isBlank()) {
        return new JsonArray();
      }
      // CAMERA_CONFIG: the list itself, or the whole section as JSON text.
      try {
        Object parsed = io.vertx.core.json.Json.decodeValue(text);
        if (parsed instanceof JsonObject object && object.getValue(CAMERAS) instanceof JsonArray array) {
          return array;
        }
        if (parsed instanceof JsonArray array) {
          return array;
        }
      } catch (DecodeException e) {
        // reported below, without echoing the text: it may hold passwords
      }
      throw new IllegalArgumentException("camera.cameras (CAMERA_CONFIG) must be a JSON list such as"
          + " [{\"id\":\"door\",\"rtsp_url\":\"rtsp://192.168.1.20:554/stream1\"}] or {\"cameras\": [...]}");
    }
    throw new IllegalArgumentException("camera.cameras must be a list of {id, name, rtsp_url, transport, onvif}");
  }

  /** One camera's object, as listed in the section or handed to a streamer. */
  public static Camera camera(JsonObject object) {
    String id = object.getValue("id") instanceof String text ? text.strip() : null;
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("camera: id must be 1-40 of A-Z, a-z, 0-9, _ and -, got "
          + (object.getValue("id") == null ? "none" : "'" + Secrets.redactUrl(String.valueOf(object.getValue("id"))) + "'"));
    }
    for (String field : object.fieldNames()) {
      if (!CAMERA_FIELDS.contains(field)) {
        throw new IllegalArgumentException("camera '" + id + "': unknown field '" + field
            + "'; known: id, name, rtsp_url, transport, onvif, node");
      }
    }
    String name = text(object, "name", id, id);
    URI url = rtspUrl(id, object.getValue("rtsp_url"));
    String transport = text(object, "transport", "tcp", id).toLowerCase(Locale.ROOT);
    if (!transport.equals("tcp") && !transport.equals("udp")) {
      throw new IllegalArgumentException("camera '" + id + "': transport must be tcp or udp, got '" + transport + "'");
    }
    Onvif onvif = null;
    Object rawOnvif = object.getValue("onvif");
    if (rawOnvif != null) {
      if (!(rawOnvif instanceof JsonObject onvifObject)) {
        throw new IllegalArgumentException("camera '" + id + "': onvif must be an object {host, port, username, password}");
      }
      onvif = onvif(id, onvifObject, url.getHost());
    }
    Object node = object.getValue("node");
    if (node != null && !(node instanceof String text && Ids.isNodeId(text))) {
      throw new IllegalArgumentException("camera '" + id + "': node must be a node id (1-64 of A-Z, a-z, 0-9, _, -, .)");
    }
    return new Camera(id, name, url.toString(), transport, onvif, (String) node);
  }

  private static URI rtspUrl(String id, Object raw) {
    if (!(raw instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("camera '" + id + "': rtsp_url is required, e.g. rtsp://192.168.1.20:554/stream1");
    }
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("camera '" + id + "': rtsp_url is longer than " + MAX_TEXT + " characters");
    }
    // None of these messages quotes the URL whole: its user info is a password.
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("camera '" + id + "': rtsp_url is not a valid URL"
          + " (characters such as @ : / in a user name or password must be percent-encoded)");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
      throw new IllegalArgumentException("camera '" + id + "': rtsp_url must start with rtsp:// or rtsps://");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("camera '" + id + "': rtsp_url needs a host name or address"
          + " (characters such as @ : / in a user name or password must be percent-encoded)");
    }
    if (url.getRawUserInfo() != null && url.getRawUserInfo().contains(Secrets.REDACTED)) {
      throw new IllegalArgumentException("camera '" + id + "': rtsp_url holds the redacted placeholder "
          + Secrets.REDACTED + " instead of the credentials; send the real ones");
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException("camera '" + id + "': rtsp_url must not have a #fragment");
    }
    return url;
  }

  private static Onvif onvif(String id, JsonObject onvif, String rtspHost) {
    for (String field : onvif.fieldNames()) {
      if (!ONVIF_FIELDS.contains(field)) {
        throw new IllegalArgumentException("camera '" + id + "': unknown onvif field '" + field
            + "'; known: host, port, username, password");
      }
    }
    String host = text(onvif, "host", rtspHost, id);
    if (!host.matches("[A-Za-z0-9.:\\[\\]_-]{1,253}")) {
      throw new IllegalArgumentException("camera '" + id + "': onvif.host must be a host name or address");
    }
    int port;
    try {
      port = PulseSettings.intIn(onvif, "port", 80, 1, 65535);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("camera '" + id + "': onvif." + e.getMessage());
    }
    String username = text(onvif, "username", "", id);
    Object rawPassword = onvif.getValue("password");
    if (rawPassword != null && (!(rawPassword instanceof String text) || text.length() > MAX_TEXT)) {
      throw new IllegalArgumentException("camera '" + id + "': onvif.password must be text of at most " + MAX_TEXT + " characters");
    }
    String password = rawPassword == null ? "" : (String) rawPassword;
    if (password.equals(Secrets.REDACTED)) {
      throw new IllegalArgumentException("camera '" + id + "': onvif.password is the redacted placeholder "
          + Secrets.REDACTED + "; send the real password");
    }
    return new Onvif(host, port, username, password);
  }

  private static String text(JsonObject object, String field, String fallback, String id) {
    Object raw = object.getValue(field);
    if (raw == null) {
      return fallback;
    }
    if (!(raw instanceof String text) || text.isBlank() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("camera '" + id + "': " + field + " must be text of 1-" + MAX_TEXT + " characters");
    }
    return text.strip();
  }
}

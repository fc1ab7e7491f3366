package io.sensepulse.common;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The node-wide settings every verticle reads from its {@code config()}, with their defaults and
 * validation in one place. Keys are the README's configuration table: {@code PULSE_HTTP_PORT} in the
 * environment is {@code http_port} here.
 */
public record PulseSettings(
    String nodeId,
    String role,
    int httpPort,
    String redisUrl,
    Path dataDir,
    String clusterName,
    String clusterHost,
    int clusterPort,
    List<String> clusterMembers,
    Path procRoot,
    Path sysRoot,
    String webroot,
    int sourceTimeoutSeconds,
    int announceSeconds) {

  public static final String NODE_ID = "node_id";
  public static final String ROLE = "role";
  public static final String HTTP_PORT = "http_port";
  public static final String REDIS_URL = "redis_url";
  public static final String DATA_DIR = "data_dir";
  public static final String CLUSTER_NAME = "cluster_name";
  public static final String CLUSTER_HOST = "cluster_host";
  public static final String CLUSTER_PORT = "cluster_port";
  public static final String CLUSTER_MEMBERS = "cluster_members";
  public static final String PROC_ROOT = "proc_root";
  public static final String SYS_ROOT = "sys_root";
  public static final String WEBROOT = "webroot";
  public static final String SOURCE_TIMEOUT = "source_timeout";
  public static final String ANNOUNCE_INTERVAL = "announce_interval";
  /** Documents seeded into {@code config:{section}} with SET NX, keyed by section. */
  public static final String SECTIONS = "sections";

  public static PulseSettings from(JsonObject config) {
    String nodeId = Ids.requireNodeId(config.getString(NODE_ID, hostName()));
    String role = config.getString(ROLE, "hub");
    int httpPort = intIn(config, HTTP_PORT, 8080, 0, 65535);
    String redisUrl = config.getString(REDIS_URL, "redis://127.0.0.1:6379");
    URI redis = URI.create(redisUrl);
    if (!"redis".equals(redis.getScheme()) && !"rediss".equals(redis.getScheme()) && !"unix".equals(redis.getScheme())) {
      throw new IllegalArgumentException(REDIS_URL + " must be a redis://, rediss:// or unix:// URL");
    }
    Path dataDir = Path.of(config.getString(DATA_DIR, Path.of(System.getProperty("user.home"), ".sense-pulse").toString()));
    String clusterName = config.getString(CLUSTER_NAME, "sense-pulse");
    if (!clusterName.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException(CLUSTER_NAME + " must be 1-64 of A-Z, a-z, 0-9, _, -, .");
    }
    String clusterHost = config.getString(CLUSTER_HOST, "");
    int clusterPort = intIn(config, CLUSTER_PORT, 5701, 1, 65535);
    List<String> members = new ArrayList<>();
    for (String member : config.getString(CLUSTER_MEMBERS, "").split(",")) {
      if (!member.isBlank()) {
        members.add(member.trim());
      }
    }
    return new PulseSettings(
        nodeId,
        role,
        httpPort,
        redisUrl,
        dataDir,
        clusterName,
        clusterHost,
        clusterPort,
        List.copyOf(members),
        Path.of(config.getString(PROC_ROOT, "/proc")),
        Path.of(config.getString(SYS_ROOT, "/sys")),
        config.getString(WEBROOT, ""),
        intIn(config, SOURCE_TIMEOUT, 20, 1, 600),
        intIn(config, ANNOUNCE_INTERVAL, 10, 1, 3600));
  }

  /** Reads an integer setting that may have come from the environment as a string. */
  public static int intIn(JsonObject config, String key, int fallback, int min, int max) {
    Object raw = config.getValue(key);
    int value;
    if (raw == null) {
      value = fallback;
    } else if (raw instanceof Number number && number.doubleValue() == number.intValue()) {
      value = number.intValue();
    } else {
      try {
        value = Integer.parseInt(raw.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'");
      }
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  private static String hostName() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      int dot = name.indexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    } catch (UnknownHostException e) {
      return "pulse";
    }
  }
}

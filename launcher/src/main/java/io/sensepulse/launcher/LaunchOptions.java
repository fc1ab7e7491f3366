package io.sensepulse.launcher;

import io.sensepulse.common.PulseSettings;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The parsed command line of {@code pulse hub|recorder}. */
record LaunchOptions(String role, boolean clustered, String confFile, JsonObject overrides) {

  static final String DEFAULT_CONF = "conf/pulse.json";

  static LaunchOptions parse(List<String> args) {
    if (args.isEmpty() || !(args.get(0).equals("hub") || args.get(0).equals("recorder"))) {
      throw new IllegalArgumentException("expected a role: hub or recorder");
    }
    String role = args.get(0);
    boolean clustered = false;
    String confFile = DEFAULT_CONF;
    JsonObject overrides = new JsonObject().put(PulseSettings.ROLE, role);
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--cluster", "-cluster" -> clustered = true;
        case "--conf", "-conf" -> confFile = value(args, ++i, arg);
        case "--node" -> overrides.put(PulseSettings.NODE_ID, value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    if (role.equals("recorder") && !overrides.containsKey(PulseSettings.NODE_ID)) {
      throw new IllegalArgumentException("recorder needs --node <id>, for example --node CAM_L");
    }
    return new LaunchOptions(role, clustered, confFile, overrides);
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }
}

package io.sensepulse.gateway;

import io.sensepulse.common.Secrets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** One validated {@code auth} document: whether sign-in is on, whether anonymous visitors may look, and the users. */
record AuthConfig(boolean enabled, boolean anonymousRead, Map<String, Account> users) {

  record Account(String username, String passwordHash, String role) {}

  /** No auth document anywhere: the hub is open, as it was before sign-in existed. */
  static final AuthConfig DISABLED = new AuthConfig(false, true, Map.of());

  /** From a document that passed {@code ConfigSections.validate("auth", ...)}. */
  static AuthConfig from(JsonObject validated) {
    Map<String, Account> users = new LinkedHashMap<>();
    for (Object entry : validated.getJsonArray("users")) {
      JsonObject user = (JsonObject) entry;
      String name = user.getString("username");
      users.put(name, new Account(name, user.getString("password_hash"), user.getString("role")));
    }
    return new AuthConfig(validated.getBoolean("enabled"), validated.getBoolean("anonymous_read"), Map.copyOf(users));
  }

  Account user(String username) {
    return username == null ? null : users.get(username);
  }

  /**
   * A real hash to spend a verification on when the username is unknown, so the time a refusal
   * takes does not tell which usernames exist.
   */
  String decoyHash() {
    return users.values().stream().findFirst().map(Account::passwordHash).orElse(null);
  }

  /**
   * A copy of an incoming auth document in which every user whose password_hash is missing or
   * {@link Secrets#REDACTED} keeps the hash they have now, so the dashboard can send back what it
   * read. Anything malformed is left for the validator to refuse.
   */
  JsonObject withKnownHashes(JsonObject incoming) {
    JsonObject merged = incoming.copy();
    if (!(merged.getValue("users") instanceof JsonArray list)) {
      return merged;
    }
    for (Object entry : list) {
      if (entry instanceof JsonObject user && user.getValue("username") instanceof String name) {
        Object hash = user.getValue("password_hash");
        Account known = users.get(name.trim());
        if ((hash == null || Secrets.REDACTED.equals(hash)) && known != null) {
          user.put("password_hash", known.passwordHash());
        }
      }
    }
    return merged;
  }
}

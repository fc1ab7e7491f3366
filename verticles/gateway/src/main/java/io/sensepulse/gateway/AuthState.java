package io.sensepulse.gateway;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.logging.Logger;

/**
 * The sign-in settings in force: {@code config:auth} from Redis, else the seed from the environment
 * ({@code sections.auth} of the verticle config), else none (sign-in off). Re-read whenever
 * {@code config.changed {section: auth}} is published, so changes apply without a restart.
 */
final class AuthState {
  private static final Logger LOG = Logger.getLogger(AuthState.class.getName());
  /** While Redis cannot be read at start, how often to try again. */
  static final long RETRY_MS = 5_000;

  private final Vertx vertx;
  private final Store store;
  private final JsonObject seed;
  private volatile AuthConfig current = AuthConfig.DISABLED;

  private AuthState(Vertx vertx, Store store, JsonObject seed) {
    this.vertx = vertx;
    this.store = store;
    this.seed = seed;
  }

  /**
   * Reads the settings and starts watching for changes. Fails, with the validator's message, when
   * sign-in is enabled but the settings are invalid: a hub must not come up with a broken lock.
   */
  static Future<AuthState> start(Vertx vertx, Store store, JsonObject seed) {
    AuthState state = new AuthState(vertx, store, seed);
    return state.readAtStart()
        .compose(read -> vertx.eventBus().<Object>consumer(Addresses.CONFIG_CHANGED, state::changed).completion())
        .map(state);
  }

  AuthConfig current() {
    return current;
  }

  /** Applies a document this gateway just validated and stored, before anyone else's reload. */
  void apply(JsonObject validated) {
    current = AuthConfig.from(validated);
  }

  private Future<Void> readAtStart() {
    return store.config(ConfigSections.AUTH)
        .map(stored -> {
          current = parseAtStart(stored != null ? stored : seed);
          return (Void) null;
        })
        .recover(error -> {
          if (!(error instanceof Store.StoreUnavailableException)) {
            return Future.failedFuture(error);
          }
          LOG.warning("Redis unavailable: using the auth settings from the environment until config:auth can be read");
          current = parseAtStart(seed);
          vertx.setPeriodic(RETRY_MS, RETRY_MS, timer -> reload().onSuccess(done -> vertx.cancelTimer(timer)));
          return Future.succeededFuture();
        });
  }

  private static AuthConfig parseAtStart(JsonObject document) {
    if (document == null) {
      return AuthConfig.DISABLED;
    }
    try {
      return AuthConfig.from(ConfigSections.validate(ConfigSections.AUTH, document));
    } catch (IllegalArgumentException invalid) {
      if (saysEnabled(document)) {
        throw new IllegalStateException("sign-in is enabled but its settings are invalid: " + invalid.getMessage());
      }
      LOG.warning("auth settings are invalid, sign-in stays off: " + invalid.getMessage());
      return AuthConfig.DISABLED;
    }
  }

  /** Whether an invalid document asks for sign-in; one that cannot be read is taken to, so it fails closed. */
  private static boolean saysEnabled(JsonObject document) {
    try {
      return ConfigSections.bool(document, "enabled", false);
    } catch (IllegalArgumentException unreadable) {
      return true;
    }
  }

  private void changed(Message<Object> message) {
    if (message.body() instanceof JsonObject body && ConfigSections.AUTH.equals(body.getString("section"))) {
      reload();
    }
  }

  /** An invalid or unreadable document keeps the settings in force: a bad write must not unlock the hub. */
  private Future<AuthConfig> reload() {
    return store.config(ConfigSections.AUTH)
        .map(stored -> {
          JsonObject document = stored != null ? stored : seed;
          AuthConfig next = document == null
              ? AuthConfig.DISABLED
              : AuthConfig.from(ConfigSections.validate(ConfigSections.AUTH, document));
          current = next;
          LOG.info("auth settings applied: sign-in " + (next.enabled() ? "on" : "off") + ", " + next.users().size() + " user(s)");
          return next;
        })
        .onFailure(error -> LOG.warning("auth settings not applied, keeping the previous ones: " + error.getMessage()));
  }
}

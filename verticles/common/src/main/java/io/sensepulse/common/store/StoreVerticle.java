package io.sensepulse.common.store;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.BusMessages;
import io.sensepulse.common.ConfigSections;
import io.sensepulse.common.Ids;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.Reading;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs on the hub and lets sources on any node of the cluster write readings and status through
 * the bus, so only the hub talks to Redis. Also relays readings that processes outside the JVM
 * announce on Redis ({@link PolyglotRelay}).
 */
public class StoreVerticle extends VerticleBase {
  public static final int BAD_REQUEST = BusMessages.BAD_REQUEST;
  public static final int UNAVAILABLE = 503;

  private Store store;
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(StoreVerticle.class.getName());

  private PolyglotRelay relay;

  @Override
  public Future<?> start() {
    PulseSettings settings = PulseSettings.from(config());
    store = Store.create(vertx, settings.redisUrl());
    relay = new PolyglotRelay(vertx, settings.redisUrl(), store);
    return store.start().compose(started -> Future.all(
        vertx.eventBus().consumer(Addresses.STORE_READINGS, this::writeReadings).completion(),
        vertx.eventBus().consumer(Addresses.STORE_STATUS, this::updateStatus).completion(),
        vertx.eventBus().consumer(Addresses.STORE_SCAN, this::putScan).completion(),
        vertx.eventBus().consumer(Addresses.STORE_CONFIG, this::readConfig).completion(),
        vertx.eventBus().consumer(Addresses.CONFIG_LEARNED, this::configLearned).completion(),
        relay.start()));
  }

  @Override
  public Future<?> stop() {
    return relay.close().eventually(store::close);
  }

  private void writeReadings(Message<Object> message) {
    List<Reading> readings;
    String source;
    try {
      JsonObject body = BusMessages.jsonBody(message);
      source = Ids.requireSourceId(body.getString("source"));
      readings = parseReadings(body.getValue("readings"));
    } catch (IllegalArgumentException | ClassCastException e) {
      message.fail(BAD_REQUEST, e.getMessage());
      return;
    }
    store.writeReadings(source, readings).onComplete(
        done -> message.reply(new JsonObject().put("written", readings.size())),
        error -> message.fail(UNAVAILABLE, error.getMessage()));
  }

  /** Keeps what a source learned for its section, unless the section changed since it started. */
  private void configLearned(Message<Object> message) {
    String section;
    JsonObject document;
    JsonObject expect;
    try {
      JsonObject body = BusMessages.jsonBody(message);
      section = body.getString("section");
      if (!ConfigSections.isKnown(section)) {
        throw new IllegalArgumentException("unknown config section '" + section + "'");
      }
      document = ConfigSections.validate(section, body.getJsonObject("document", new JsonObject()));
      expect = body.getJsonObject("expect", new JsonObject());
    } catch (IllegalArgumentException | ClassCastException e) {
      LOG.warning("ignoring learned config: " + e.getMessage());
      return;
    }
    store.config(section).compose(stored -> {
      JsonObject current = stored == null ? new JsonObject() : stored;
      boolean unchanged = expect.fieldNames().stream()
          .allMatch(field -> java.util.Objects.equals(expect.getValue(field), current.getValue(field)));
      if (!unchanged) {
        return Future.succeededFuture(false);
      }
      return store.putConfig(section, document).map(true);
    }).onSuccess(written -> {
      if (written) {
        vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new JsonObject().put("section", section));
      }
    }).onFailure(error -> LOG.warning("cannot keep learned config:" + section + ": " + error.getMessage()));
  }

  private void updateStatus(Message<Object> message) {
    String source;
    JsonObject fields;
    try {
      JsonObject body = BusMessages.jsonBody(message);
      source = Ids.requireSourceId(body.getString("source"));
      fields = body.getJsonObject("status");
      if (fields == null) {
        throw new IllegalArgumentException("'status' must be a JSON object");
      }
    } catch (IllegalArgumentException | ClassCastException e) {
      message.fail(BAD_REQUEST, e.getMessage());
      return;
    }
    store.updateStatus(source, fields).onComplete(message::reply, error -> message.fail(UNAVAILABLE, error.getMessage()));
  }

  /**
   * {@code {section}} to {@code {section, document}}. Sign-in is the gateway's alone: its password
   * hashes are not handed to other nodes.
   */
  private void readConfig(Message<Object> message) {
    String section;
    try {
      JsonObject body = BusMessages.jsonBody(message);
      if (!(body.getValue("section") instanceof String named) || !ConfigSections.isKnown(named)) {
        throw new IllegalArgumentException("'section' must be one of " + ConfigSections.names());
      }
      if (ConfigSections.AUTH.equals(named)) {
        throw new IllegalArgumentException("config:" + ConfigSections.AUTH + " is not readable over the bus");
      }
      section = named;
    } catch (IllegalArgumentException e) {
      message.fail(BAD_REQUEST, e.getMessage());
      return;
    }
    store.config(section).onComplete(
        document -> message.reply(new JsonObject().put("section", section).put("document", document)),
        error -> message.fail(UNAVAILABLE, error.getMessage()));
  }

  /** {@code {kind, result}} to {@code scan:{kind}} with its TTL; replies {@code {kind}}. */
  private void putScan(Message<Object> message) {
    String kind;
    JsonObject result;
    try {
      JsonObject body = BusMessages.jsonBody(message);
      if (!(body.getValue("kind") instanceof String named) || !Ids.isSourceId(named)) {
        throw new IllegalArgumentException("'kind' must be 1-40 of a-z, 0-9, _");
      }
      if (!(body.getValue("result") instanceof JsonObject document)) {
        throw new IllegalArgumentException("'result' must be a JSON object");
      }
      kind = named;
      result = document;
    } catch (IllegalArgumentException e) {
      message.fail(BAD_REQUEST, e.getMessage());
      return;
    }
    store.putScan(kind, result).onComplete(
        done -> message.reply(new JsonObject().put("kind", kind)),
        error -> message.fail(UNAVAILABLE, error.getMessage()));
  }

  /** {@code {sensor: {value, unit, timestamp}}} to readings; rejects the whole message on any bad entry. */
  static List<Reading> parseReadings(Object raw) {
    if (!(raw instanceof JsonObject readings)) {
      throw new IllegalArgumentException("'readings' must be a JSON object of sensor -> {value, unit, timestamp}");
    }
    List<Reading> parsed = new ArrayList<>(readings.size());
    for (String sensor : readings.fieldNames()) {
      if (sensor.isEmpty() || sensor.length() > 120 || sensor.contains("*") || sensor.contains(" ")) {
        throw new IllegalArgumentException("invalid sensor name '" + sensor + "'");
      }
      if (!(readings.getValue(sensor) instanceof JsonObject reading)) {
        throw new IllegalArgumentException("reading '" + sensor + "' must be an object");
      }
      Object value = reading.getValue("value");
      if (value instanceof JsonObject || value instanceof io.vertx.core.json.JsonArray) {
        throw new IllegalArgumentException("reading '" + sensor + "' value must be a number, string, boolean or null");
      }
      if (!(reading.getValue("timestamp") instanceof Number timestamp)) {
        throw new IllegalArgumentException("reading '" + sensor + "' needs a numeric timestamp");
      }
      parsed.add(new Reading(sensor, value, reading.getString("unit", ""), timestamp.doubleValue()));
    }
    return parsed;
  }
}

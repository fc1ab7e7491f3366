package io.sensepulse.sources.aranet;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * BLE discovery through BlueZ over D-Bus: LE-only with duplicate filtering off, so every advert
 * arrives as a PropertiesChanged signal. Only devices that advertised during the scan are reported:
 * BlueZ keeps devices from earlier scans with their old data. D-Bus calls run on worker threads.
 */
public final class BluezScanner implements BleScanner {
  private static final String BLUEZ = "org.bluez";
  private static final String ADAPTER = "org.bluez.Adapter1";
  private static final String DEVICE = "org.bluez.Device1";
  private static final String SYSTEM_BUS = "unix:path=/var/run/dbus/system_bus_socket";

  private final Vertx vertx;
  private final String busAddress;

  /** @param busAddress a D-Bus address such as {@code unix:path=/tmp/bus}; null for the system bus
   *     ({@code DBUS_SYSTEM_BUS_ADDRESS}, else {@value #SYSTEM_BUS}) */
  public BluezScanner(Vertx vertx, String busAddress) {
    this.vertx = vertx;
    this.busAddress = busAddress;
  }

  @Override
  public Future<List<Advert>> scan(Duration timeout) {
    return vertx.executeBlocking(this::begin)
        .compose(session -> vertx.timer(timeout.toMillis()).compose(elapsed -> vertx.executeBlocking(session::finish)));
  }

  private Session begin() throws DBusException {
    String address = busAddress != null ? busAddress
        : Objects.requireNonNullElse(System.getenv("DBUS_SYSTEM_BUS_ADDRESS"), SYSTEM_BUS);
    // dbus-java waits out its connect timeout on a missing socket; a missing file is known at once.
    if (address.startsWith("unix:path=") && !Files.exists(Path.of(address.substring(10).split(",")[0]))) {
      throw new IllegalStateException("cannot connect to D-Bus " + address + " (is dbus running?): no such socket");
    }
    DBusConnection connection;
    try {
      connection = DBusConnectionBuilder.forAddress(address).withShared(false).build();
    } catch (DBusException | RuntimeException e) {
      throw new IllegalStateException("cannot connect to D-Bus " + address + " (is dbus running?): " + e.getMessage(), e);
    }
    Session session = new Session(connection);
    try {
      session.start();
      return session;
    } catch (DBusException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static final class Session {
    private final DBusConnection connection;
    private final Map<String, Map<String, Object>> devices = new ConcurrentHashMap<>();
    private final Set<String> heard = ConcurrentHashMap.newKeySet();
    private final List<AutoCloseable> handlers = new ArrayList<>();
    private String adapterPath;
    private BluezAdapter adapter;

    Session(DBusConnection connection) {
      this.connection = connection;
    }

    void start() throws DBusException {
      // Subscribed before reading the objects, so nothing said in between is missed.
      handlers.add(connection.addSigHandler(ObjectManager.InterfacesAdded.class, signal -> {
        Map<String, Variant<?>> device = signal.getInterfaces().get(DEVICE);
        if (device != null) {
          merge(signal.getSignalSource().getPath(), device, true);
        }
      }));
      handlers.add(connection.addSigHandler(Properties.PropertiesChanged.class, signal -> {
        if (DEVICE.equals(signal.getInterfaceName())) {
          merge(signal.getPath(), signal.getPropertiesChanged(), true);
        }
      }));
      Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects;
      try {
        objects = connection.getRemoteObject(BLUEZ, "/", ObjectManager.class).GetManagedObjects();
      } catch (DBusExecutionException e) {
        throw new IllegalStateException("BlueZ is not available on D-Bus (is the bluetooth service installed and"
            + " running?): " + e.getMessage(), e);
      }
      adapterPath = objects.entrySet().stream()
          .filter(object -> object.getValue().containsKey(ADAPTER))
          .map(object -> object.getKey().getPath())
          .sorted()
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no Bluetooth adapter: BlueZ lists none (is one plugged in,"
              + " and not blocked by rfkill?)"));
      objects.forEach((path, interfaces) -> {
        Map<String, Variant<?>> device = interfaces.get(DEVICE);
        if (device != null && path.getPath().startsWith(adapterPath + "/")) {
          merge(path.getPath(), device, false);
        }
      });
      adapter = connection.getRemoteObject(BLUEZ, adapterPath, BluezAdapter.class);
      try {
        adapter.setDiscoveryFilter(Map.of("Transport", new Variant<>("le"), "DuplicateData", new Variant<>(true)));
        adapter.startDiscovery();
      } catch (DBusExecutionException e) {
        throw new IllegalStateException("Bluetooth adapter " + adapterPath + " cannot scan (is it powered?): "
            + e.getMessage(), e);
      }
    }

    /** Signals overwrite what is known; the objects read at the start only fill in what no signal has said. */
    private void merge(String path, Map<String, Variant<?>> properties, boolean fromSignal) {
      devices.compute(path, (key, known) -> {
        Map<String, Object> merged = known == null ? new HashMap<>() : known;
        properties.forEach((name, value) -> {
          if (fromSignal) {
            merged.put(name, value.getValue());
          } else {
            merged.putIfAbsent(name, value.getValue());
          }
        });
        return merged;
      });
      if (fromSignal) {
        heard.add(path);
      }
    }

    List<Advert> finish() {
      try {
        adapter.stopDiscovery();
      } catch (DBusExecutionException e) {
        // BlueZ also ends this client's discovery when the connection closes below.
      }
      close();
      List<Advert> adverts = new ArrayList<>();
      heard.stream().sorted().forEach(path -> {
        Map<String, Object> properties = devices.get(path);
        if (properties.get("Address") instanceof String address) {
          adverts.add(new Advert(address.toUpperCase(Locale.ROOT),
              properties.get("Name") instanceof String name ? name : null,
              properties.get("RSSI") instanceof Number rssi ? rssi.intValue() : null,
              manufacturerData(properties.get("ManufacturerData"))));
        }
      });
      return adverts;
    }

    void close() {
      for (AutoCloseable handler : handlers) {
        try {
          handler.close();
        } catch (Exception e) {
          // The connection is closed next, which drops every handler anyway.
        }
      }
      try {
        connection.close();
      } catch (IOException e) {
        // Nothing more to release: the socket is gone either way.
      }
    }
  }

  /** BlueZ's a{qv}; anything else (a stand-in's placeholder, a malformed value) counts as none. */
  static Map<Integer, byte[]> manufacturerData(Object value) {
    Map<Integer, byte[]> data = new HashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((company, payload) -> {
        Object bytes = payload instanceof Variant<?> variant ? variant.getValue() : payload;
        if (company instanceof UInt16 id && bytes instanceof byte[] array) {
          data.put(id.intValue(), array.clone());
        } else if (company instanceof UInt16 id && bytes instanceof List<?> list
            && list.stream().allMatch(Byte.class::isInstance)) {
          byte[] array = new byte[list.size()];
          for (int i = 0; i < array.length; i++) {
            array[i] = (Byte) list.get(i);
          }
          data.put(id.intValue(), array);
        }
      });
    }
    return data;
  }
}

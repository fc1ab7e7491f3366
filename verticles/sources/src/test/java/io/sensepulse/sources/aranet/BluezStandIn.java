package io.sensepulse.sources.aranet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * A private dbus-daemon with, on demand, python3-dbusmock's bluez5 template as BlueZ. Needs the Debian
 * packages dbus-daemon and python3-dbusmock (Debian's python: /usr/bin/python3); without them the
 * tests fail and say what to install.
 */
final class BluezStandIn implements AutoCloseable {
  static final String PYTHON = "/usr/bin/python3";
  private static final long READY_SECONDS = 30;

  @DBusInterfaceName("org.bluez.Mock")
  public interface Mock extends DBusInterface {
    @DBusMemberName("AddAdapter")
    String addAdapter(String deviceName, String systemName);

    @DBusMemberName("AddDevice")
    String addDevice(String adapterDeviceName, String address, String alias);
  }

  private final Process daemon;
  private final String address;
  private final DBusConnection connection;
  private Process bluez;

  BluezStandIn(Path dir) throws Exception {
    Path config = dir.resolve("bus.conf");
    Files.writeString(config, """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:path=%s</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """.formatted(dir.resolve("bus")));
    try {
      daemon = new ProcessBuilder(List.of("dbus-daemon", "--config-file=" + config, "--print-address", "--nofork"))
          .redirectError(dir.resolve("dbus-daemon.log").toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("dbus-daemon is needed for the BLE tests: apt-get install dbus-daemon", e);
    }
    String line = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isBlank()) {
      daemon.destroy();
      throw new IllegalStateException("dbus-daemon printed no address; see " + dir.resolve("dbus-daemon.log"));
    }
    // The printed address may carry a guid; dbus-java connects by the path alone.
    address = line.strip().replaceAll(",guid=[0-9a-f]+", "");
    connection = DBusConnectionBuilder.forAddress(address).withShared(false).build();
  }

  String address() {
    return address;
  }

  /** Starts the bluez5 template and returns once it owns org.bluez on the bus. */
  void startBluez(Path log) throws Exception {
    CompletableFuture<Void> owned = new CompletableFuture<>();
    try (AutoCloseable handler = connection.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
      if ("org.bluez".equals(signal.name) && !signal.newOwner.isEmpty()) {
        owned.complete(null);
      }
    })) {
      ProcessBuilder builder = new ProcessBuilder(List.of(PYTHON, "-m", "dbusmock", "--session", "--template", "bluez5"))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
      try {
        bluez = builder.start();
      } catch (IOException e) {
        throw new IllegalStateException("Debian's " + PYTHON + " is needed for the BLE tests (apt-get install"
            + " python3-dbusmock)", e);
      }
      bluez.onExit().thenRun(() -> owned.completeExceptionally(new IllegalStateException(
          "python3-dbusmock's bluez5 template exited (apt-get install python3-dbusmock); its output: " + read(log))));
      owned.get(READY_SECONDS, TimeUnit.SECONDS);
    }
  }

  Mock mock() throws Exception {
    return connection.getRemoteObject("org.bluez", "/org/bluez", Mock.class);
  }

  /**
   * Sends an advert the way BlueZ reports one: PropertiesChanged for RSSI, then ManufacturerData. Uses
   * Properties.Set because this dbusmock's UpdateProperties cannot re-wrap a dictionary value.
   */
  void advertise(String devicePath, byte[] data, int rssi) throws Exception {
    Properties device = connection.getRemoteObject("org.bluez", devicePath, Properties.class);
    device.Set("org.bluez.Device1", "RSSI", new Variant<>((short) rssi));
    Map<UInt16, Variant<?>> manufacturer = Map.of(new UInt16(AranetAdverts.COMPANY_ID), new Variant<>(data));
    device.Set("org.bluez.Device1", "ManufacturerData", new Variant<>(manufacturer, "a{qv}"));
  }

  /** Completes when the adapter reports Discovering = true: the scanner has subscribed and started. */
  CompletableFuture<Void> discoveryStarted(String adapterPath) throws Exception {
    CompletableFuture<Void> started = new CompletableFuture<>();
    AutoCloseable handler = connection.addSigHandler(Properties.PropertiesChanged.class, signal -> {
      if (adapterPath.equals(signal.getPath()) && signal.getPropertiesChanged().get("Discovering") != null
          && Boolean.TRUE.equals(signal.getPropertiesChanged().get("Discovering").getValue())) {
        started.complete(null);
      }
    });
    return started.whenComplete((done, error) -> {
      try {
        handler.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
    if (bluez != null) {
      bluez.destroy();
      bluez.onExit().join();
    }
    daemon.destroy();
    daemon.onExit().join();
  }
}

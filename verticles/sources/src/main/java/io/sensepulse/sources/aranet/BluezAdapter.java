package io.sensepulse.sources.aranet;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** The part of BlueZ's org.bluez.Adapter1 that discovery needs (public: dbus-java proxies it). */
@DBusInterfaceName("org.bluez.Adapter1")
public interface BluezAdapter extends DBusInterface {
  @DBusMemberName("SetDiscoveryFilter")
  void setDiscoveryFilter(Map<String, Variant<?>> filter);

  @DBusMemberName("StartDiscovery")
  void startDiscovery();

  @DBusMemberName("StopDiscovery")
  void stopDiscovery();
}

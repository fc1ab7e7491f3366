package io.sensepulse.sources.aranet;

import java.util.Map;

/**
 * A device heard in a scan.
 *
 * @param mac the Bluetooth address, upper case with colons
 * @param name the advertised name, or null (passive scans often have none)
 * @param rssi signal strength in dBm, or null when the adapter reported none
 * @param manufacturerData payloads keyed by Bluetooth SIG company id, without the id
 */
public record Advert(String mac, String name, Integer rssi, Map<Integer, byte[]> manufacturerData) {
  public Advert {
    manufacturerData = Map.copyOf(manufacturerData);
  }
}

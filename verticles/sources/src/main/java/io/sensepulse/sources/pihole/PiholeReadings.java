package io.sensepulse.sources.pihole;

import io.sensepulse.common.Reading;
import java.util.ArrayList;
import java.util.List;

/** The readings of one poll; counts have no unit. */
public final class PiholeReadings {
  private PiholeReadings() {}

  public static List<Reading> of(PiholeStats stats, double timestamp) {
    List<Reading> readings = new ArrayList<>(8);
    readings.add(new Reading("queries_today", stats.queries(), "", timestamp));
    readings.add(new Reading("blocked_today", stats.blocked(), "", timestamp));
    // Pi-hole sends the float it computed (14.733969688415527): two decimals are all a dashboard shows.
    readings.add(new Reading("percent_blocked", Math.round(stats.percentBlocked() * 100) / 100.0, "%", timestamp));
    readings.add(new Reading("domains_blocked", stats.domainsBlocked(), "", timestamp));
    readings.add(new Reading("clients", stats.clients(), "", timestamp));
    readings.add(new Reading("blocking", stats.blocking().state(), "", timestamp));
    stats.blocking().timerSeconds()
        .ifPresent(seconds -> readings.add(new Reading("blocking_timer", seconds, "s", timestamp)));
    readings.add(new Reading("api_version", stats.apiVersion(), "", timestamp));
    return readings;
  }
}

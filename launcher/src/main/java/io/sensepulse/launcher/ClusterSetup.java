package io.sensepulse.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.sensepulse.common.PulseSettings;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.List;

/**
 * Hazelcast configuration: {@code cluster.xml} (from {@code -Dvertx.hazelcast.config} or the
 * classpath) with the node's PULSE_CLUSTER_* settings applied over it.
 */
final class ClusterSetup {
  private ClusterSetup() {}

  static Config hazelcastConfig(PulseSettings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.clusterName());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.clusterPort());
    String host = settings.clusterHost();
    if (!host.isBlank()) {
      // Bind to this interface only, so the cluster is not reachable on the node's other networks.
      network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
      config.setProperty("hazelcast.local.localAddress", host);
      config.setProperty("hazelcast.socket.bind.any", "false");
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    if (!settings.clusterMembers().isEmpty()) {
      join.getTcpIpConfig().setEnabled(true).setMembers(settings.clusterMembers());
    } else if (!host.isBlank()) {
      join.getTcpIpConfig().setEnabled(true).setMembers(List.of(host));
    }
    return config;
  }
}

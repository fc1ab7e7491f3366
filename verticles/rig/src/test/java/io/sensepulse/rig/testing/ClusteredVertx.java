package io.sensepulse.rig.testing;

import com.hazelcast.config.Config;
import io.sensepulse.common.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.UUID;

/**
 * Vert.x instances in this JVM clustered over loopback, each its own Hazelcast member, on a
 * cluster of a random name: as close to separate nodes as one JVM gets.
 */
public final class ClusteredVertx {
  private final String clusterName = "rig-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final int firstPort;

  public ClusteredVertx() {
    firstPort = FreePorts.next();
  }

  public Future<Vertx> start() {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.partition.count", "31");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    var network = config.getNetworkConfig();
    network.setPort(firstPort).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
    network.getJoin().getMulticastConfig().setEnabled(false);
    network.getJoin().getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + firstPort));
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2);
    options.getEventBusOptions().setHost("127.0.0.1");
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(config)).buildClustered();
  }
}

package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.sensepulse.common.testing.RedisServer;
import io.sensepulse.launcher.certs.RigCertificates;
import io.sensepulse.launcher.testing.EchoVerticle;
import io.sensepulse.launcher.testing.NodeProcess;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS on a real cluster: A (this JVM) and B (its own JVM, from pulse.jar) hold certificates of
 * one rig CA and talk; C, certified by another CA, and D, with no certificate and TLS off, join the
 * same Hazelcast cluster but can exchange no bus message with A.
 */
class BusTlsIT {
  private static final DeliveryOptions BOUNDED = new DeliveryOptions().setSendTimeout(20_000);
  /** Ample for a TLS connection on loopback, short enough to keep the refusals quick. */
  private static final DeliveryOptions REFUSAL = new DeliveryOptions().setSendTimeout(3000);

  private final String clusterName = "tls-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<NodeLauncher.Node> nodes = new ArrayList<>();
  private NodeProcess b;
  private int seedPort;

  @AfterEach
  void stopAll() throws Exception {
    if (b != null) {
      b.close();
    }
    for (NodeLauncher.Node node : nodes) {
      node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void onlyNodesOfTheRigCaExchangeBusMessages(@TempDir Path root) throws Exception {
    Path rig = root.resolve("a").resolve(RigCertificates.FOLDER);
    RigCertificates.init(rig, false);
    RigCertificates.issueNode(rig, "CAM_A", List.of("127.0.0.1"), false);
    RigCertificates.NodeFiles bFiles = RigCertificates.issueNode(rig, "CAM_B", List.of("127.0.0.1"), false);
    seedPort = RedisServer.freePort();
    NodeLauncher.Node a = startInThisJvm("CAM_A", root.resolve("a"), "true");

    // B gets what an operator copies to a recorder: ca.pem, its chain and its key, nothing else.
    Path bCerts = Files.createDirectories(root.resolve("b").resolve(RigCertificates.FOLDER));
    for (Path file : List.of(RigCertificates.caCertificate(rig), bFiles.certificate(), bFiles.key())) {
      Files.copy(file, bCerts.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Path conf = root.resolve("b").resolve("pulse.json");
    Files.writeString(conf, new JsonObject()
        .put("catalog", new JsonObject().put("echo", EchoVerticle.class.getName())).encode());
    b = NodeProcess.start("CAM_B", List.of("recorder", "--node", "CAM_B", "--cluster", "--conf", conf.toString()),
        Map.of("PULSE_CLUSTER_NAME", clusterName,
            "PULSE_CLUSTER_HOST", "127.0.0.1",
            "PULSE_CLUSTER_PORT", String.valueOf(RedisServer.freePort()),
            "PULSE_CLUSTER_MEMBERS", "127.0.0.1:" + seedPort,
            "PULSE_DATA_DIR", root.resolve("b").toString(),
            // the recorder role serves its node API: each node on a port of its own
            "PULSE_HTTP_PORT", String.valueOf(RedisServer.freePort()),
            "PULSE_BUS_TLS", "true"));
    b.started().get(60, TimeUnit.SECONDS);
    assertTrue(b.output().contains("event bus between nodes: TLS"), b.output());

    // A and B: a deployment through B's agent, then a request answered from B's JVM.
    await(a.vertx().eventBus().request(Addresses.nodeDeploy("CAM_B"), new JsonObject().put("verticle", "echo"), BOUNDED));
    JsonObject echo = await(a.vertx().eventBus().<JsonObject>request("test.echo.CAM_B", "hello", BOUNDED)).body();
    assertEquals(b.pid(), echo.getLong("pid"));

    // C: same cluster, certificate of another CA.
    Path otherCa = root.resolve("c").resolve(RigCertificates.FOLDER);
    RigCertificates.init(otherCa, false);
    RigCertificates.issueNode(otherCa, "CAM_C", List.of("127.0.0.1"), false);
    NodeLauncher.Node c = startInThisJvm("CAM_C", root.resolve("c"), "true");
    assertCutOff(a, c, "CAM_C");

    // D: same cluster, no certificate, TLS off.
    NodeLauncher.Node d = startInThisJvm("CAM_D", root.resolve("d"), "false");
    assertCutOff(a, d, "CAM_D");

    // The refused peers did not disturb the rig.
    assertEquals(b.pid(), await(a.vertx().eventBus().<JsonObject>request("test.echo.CAM_B", "again", BOUNDED))
        .body().getLong("pid"));
    String keyLine = Files.readAllLines(bFiles.key()).get(1);
    assertFalse(b.output().contains(keyLine), "B logged its key");
  }

  /** The outsider is a Hazelcast member with a handler, yet no message crosses in either direction. */
  private void assertCutOff(NodeLauncher.Node a, NodeLauncher.Node outsider, String outsiderId) throws Exception {
    String outsiderMember = ((VertxInternal) outsider.vertx()).clusterManager().getNodeId();
    assertTrue(((VertxInternal) a.vertx()).clusterManager().getNodes().contains(outsiderMember),
        outsiderId + " did not join the Hazelcast cluster");
    await(outsider.vertx().deployVerticle(new EchoVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put(PulseSettings.NODE_ID, outsiderId))));

    assertRefused(a.vertx(), "test.echo." + outsiderId);
    assertRefused(outsider.vertx(), Addresses.nodeList("CAM_A"));
  }

  /** Fails within the send timeout, and not because the handler is unknown: the connection is refused. */
  private static void assertRefused(Vertx from, String address) throws Exception {
    Throwable failure = from.eventBus().request(address, new JsonObject(), REFUSAL)
        .toCompletionStage().toCompletableFuture()
        .handle((reply, error) -> error)
        .get(20, TimeUnit.SECONDS);
    assertNotNull(failure, "a message reached " + address);
    if (failure instanceof ReplyException reply) {
      assertNotEquals(ReplyFailure.NO_HANDLERS, reply.failureType(), "the handler on " + address + " was not visible");
      assertNotEquals(ReplyFailure.RECIPIENT_FAILURE, reply.failureType(), "the handler on " + address + " answered");
    }
  }

  private NodeLauncher.Node startInThisJvm(String nodeId, Path dataDir, String busTls) throws Exception {
    int port = nodes.isEmpty() ? seedPort : RedisServer.freePort();
    JsonObject config = new JsonObject()
        .put(PulseSettings.NODE_ID, nodeId)
        .put(PulseSettings.ROLE, "recorder")
        .put(PulseSettings.DATA_DIR, dataDir.toString())
        .put(PulseSettings.HTTP_PORT, RedisServer.freePort())
        .put(PulseSettings.CLUSTER_NAME, clusterName)
        .put(PulseSettings.CLUSTER_HOST, "127.0.0.1")
        .put(PulseSettings.CLUSTER_PORT, port)
        .put(PulseSettings.CLUSTER_MEMBERS, "127.0.0.1:" + seedPort)
        .put(BusTls.MODE, busTls);
    NodeLauncher.Node node = NodeLauncher.start(config, true).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    nodes.add(node);
    return node;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

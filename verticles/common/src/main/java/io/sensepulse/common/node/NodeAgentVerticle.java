package io.sensepulse.common.node;

import io.sensepulse.common.Addresses;
import io.sensepulse.common.PulseSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs on every node: deploys and undeploys catalogue verticles on request from any node
 * ({@code pulse.node.<id>.deploy|undeploy|list}) and announces the node to the hub's registry.
 * Deployed verticles get the node's own config with the request's {@code config} merged over it.
 * Config: the node settings plus {@code cluster_id} (the Hazelcast member id), {@code version},
 * {@code capabilities} (what hardware it has, see {@link NodeCapabilities}), and
 * {@code catalog}: extra name-to-class entries from the node's own config file (never from the bus).
 */
public class NodeAgentVerticle extends VerticleBase {
  public static final int BAD_REQUEST = io.sensepulse.common.BusMessages.BAD_REQUEST;
  public static final int DEPLOY_FAILED = 500;

  public static final String CATALOG = "catalog";

  private PulseSettings settings;
  private JsonObject extraCatalog;
  /** deployment id to catalogue name, in deployment order; pruned of self-undeployed entries. */
  private final Map<String, String> deployed = new LinkedHashMap<>();
  private final long startedMillis = System.currentTimeMillis();

  @Override
  public Future<?> start() {
    settings = PulseSettings.from(config());
    extraCatalog = config().getJsonObject(CATALOG, new JsonObject());
    var bus = vertx.eventBus();
    vertx.setPeriodic(settings.announceSeconds() * 1000L, id -> announce());
    return Future.all(
            bus.consumer(Addresses.nodeDeploy(settings.nodeId()), this::deploy).completion(),
            bus.consumer(Addresses.nodeUndeploy(settings.nodeId()), this::undeploy).completion(),
            bus.consumer(Addresses.nodeList(settings.nodeId()), msg -> msg.reply(describe())).completion(),
            bus.consumer(Addresses.NODE_HELLO, msg -> announce()).completion())
        .onSuccess(ready -> announce());
  }

  private void deploy(Message<Object> message) {
    JsonObject body = message.body() instanceof JsonObject json ? json : new JsonObject();
    String name = body.getValue("verticle") instanceof String text ? text : null;
    if (name == null || className(name) == null) {
      message.fail(BAD_REQUEST, "unknown verticle '" + name + "'; known: " + VerticleCatalog.names());
      return;
    }
    if (body.containsKey("config") && !(body.getValue("config") instanceof JsonObject)) {
      message.fail(BAD_REQUEST, "'config' must be a JSON object");
      return;
    }
    deployLocal(name, body.getJsonObject("config", new JsonObject()))
        .onComplete(id -> message.reply(new JsonObject().put("deploymentId", id).put("verticle", name)),
            error -> message.fail(DEPLOY_FAILED, "deploying " + name + " failed: " + error.getMessage()));
  }

  /** Deploys a catalogue verticle on this node; the launcher uses it for the role's own verticles. */
  public Future<String> deployLocal(String name, JsonObject overrides) {
    String className = className(name);
    if (className == null) {
      return Future.failedFuture("unknown verticle '" + name + "'");
    }
    JsonObject config = config().copy().mergeIn(overrides, true);
    config.remove(CATALOG);
    return vertx.deployVerticle(className, new DeploymentOptions().setConfig(config)).onSuccess(id -> {
      deployed.put(id, name);
      announce();
    });
  }

  /** Undeploys every deployment of a catalogue name on this node (the launcher's ordered shutdown). */
  public Future<Void> undeployLocal(String name) {
    List<Future<Void>> undeploys = new ArrayList<>();
    deployed.forEach((id, deployedName) -> {
      if (deployedName.equals(name) && vertx.deploymentIDs().contains(id)) {
        undeploys.add(vertx.undeploy(id));
      }
    });
    return Future.all(undeploys).mapEmpty();
  }

  private String className(String name) {
    return VerticleCatalog.className(name).orElse(extraCatalog.getString(name));
  }

  private void undeploy(Message<Object> message) {
    String id = message.body() instanceof JsonObject json && json.getValue("deploymentId") instanceof String text ? text : null;
    if (id == null || !deployed.containsKey(id)) {
      message.fail(BAD_REQUEST, "no deployment '" + id + "' on node " + settings.nodeId());
      return;
    }
    if (!vertx.deploymentIDs().contains(id)) {
      deployed.remove(id);
      message.reply(new JsonObject().put("deploymentId", id).put("alreadyGone", true));
      return;
    }
    vertx.undeploy(id).onComplete(done -> {
      deployed.remove(id);
      announce();
      message.reply(new JsonObject().put("deploymentId", id));
    }, error -> message.fail(DEPLOY_FAILED, "undeploying " + id + " failed: " + error.getMessage()));
  }

  /** The announcement: who this node is and what runs on it. */
  JsonObject describe() {
    Set<String> live = vertx.deploymentIDs();
    deployed.keySet().retainAll(live);
    JsonArray verticles = new JsonArray();
    deployed.forEach((id, name) -> verticles.add(new JsonObject().put("deploymentId", id).put("verticle", name)));
    return new JsonObject()
        .put("id", settings.nodeId())
        .put("role", settings.role())
        .put("host", config().getString("host", hostName()))
        .put("version", config().getString("version", "dev"))
        .put("cluster_id", config().getString("cluster_id"))
        .put("verticles", verticles)
        .put(NodeCapabilities.CONFIG_KEY, config().getJsonArray(NodeCapabilities.CONFIG_KEY, new JsonArray()))
        .put("started", startedMillis / 1000.0)
        .put("uptime", (System.currentTimeMillis() - startedMillis) / 1000)
        .put("pid", ManagementFactory.getRuntimeMXBean().getPid());
  }

  private void announce() {
    vertx.eventBus().publish(Addresses.NODE_ANNOUNCE, describe());
  }

  private String hostName() {
    String clusterHost = settings.clusterHost();
    if (!clusterHost.isBlank()) {
      return clusterHost;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}

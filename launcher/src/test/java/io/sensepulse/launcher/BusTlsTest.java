package io.sensepulse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.PulseSettings;
import io.sensepulse.launcher.certs.RigCertificates;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing and checking the bus certificates, without starting a cluster. */
class BusTlsTest {
  @TempDir
  Path data;

  private JsonObject config(Object mode) {
    return new JsonObject().put(PulseSettings.NODE_ID, "CAM_L").put(PulseSettings.DATA_DIR, data.toString())
        .put(BusTls.MODE, mode);
  }

  @Test
  void requiredTlsWithoutFilesStopsTheNodeNamingThem() {
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> NodeLauncher.start(config("true"), true).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    String message = failed.getCause().getMessage();
    assertTrue(message.contains("bus_tls is true") && message.contains(data.resolve("certs/ca.pem").toString())
        && message.contains("CAM_L-key.pem") && message.contains("pulse certs"), message);
  }

  @Test
  void autoUsesTheFilesWhenPresentAndPlaintextOtherwise() throws Exception {
    EventBusOptions plain = new EventBusOptions();
    BusTls.configure(plain, config(null), PulseSettings.from(config(null)));
    assertEquals(false, plain.isSsl());

    Path folder = data.resolve("certs");
    RigCertificates.init(folder, false);
    RigCertificates.issueNode(folder, "CAM_L", List.of(), false);
    EventBusOptions tls = new EventBusOptions();
    BusTls.configure(tls, config("auto"), PulseSettings.from(config("auto")));
    assertTrue(tls.isSsl());
    assertEquals(ClientAuth.REQUIRED, tls.getClientAuth());
    assertEquals(List.of(folder.resolve("ca.pem").toString()), ((PemTrustOptions) tls.getTrustOptions()).getCertPaths());

    EventBusOptions off = new EventBusOptions();
    BusTls.configure(off, config(false), PulseSettings.from(config(false)));
    assertEquals(false, off.isSsl());
  }

  @Test
  void aCertificateOfAnotherCaOrABadModeIsRefused() throws Exception {
    Path folder = data.resolve("certs");
    RigCertificates.init(folder, false);
    RigCertificates.issueNode(folder, "CAM_L", List.of(), false);
    Path other = data.resolve("other");
    RigCertificates.init(other, false);
    Files.copy(RigCertificates.caCertificate(other), RigCertificates.caCertificate(folder),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> BusTls.configure(new EventBusOptions(), config("auto"), PulseSettings.from(config("auto"))));
    assertTrue(refused.getMessage().contains("not a valid certificate of the rig CA"), refused.getMessage());

    IllegalArgumentException badMode = assertThrows(IllegalArgumentException.class,
        () -> BusTls.configure(new EventBusOptions(), config("yes"), PulseSettings.from(config("yes"))));
    assertTrue(badMode.getMessage().contains("auto, true or false"), badMode.getMessage());
  }
}

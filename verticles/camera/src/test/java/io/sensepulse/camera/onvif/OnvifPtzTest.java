package io.sensepulse.camera.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensepulse.common.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Element;

/** {@link OnvifPtz} against {@link FakeOnvifCamera} on a real local HTTP server. */
@ExtendWith(VertxExtension.class)
class OnvifPtzTest {
  private static final String PASSWORD = "Pa55-w0rd!";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private static Future<FakeOnvifCamera> camera(Vertx vertx, Duration clockOffset) {
    return new FakeOnvifCamera(PASSWORD, clockOffset, "hikvision").start(vertx);
  }

  private static OnvifPtz ptz(Vertx vertx, FakeOnvifCamera camera, String password, Duration timeout) {
    return new OnvifPtz(vertx, "127.0.0.1", camera.port(), FakeOnvifCamera.USERNAME, password, timeout);
  }

  /** Runs {@code scenario} against a fresh camera and closes it, whatever happened. */
  private static <T> Future<T> with(Vertx vertx, Duration clockOffset, Function<FakeOnvifCamera, Future<T>> scenario,
      FakeOnvifCamera[] holder) {
    return camera(vertx, clockOffset).compose(camera -> {
      holder[0] = camera;
      return scenario.apply(camera).eventually(camera::close);
    });
  }

  private static Element velocity(FakeOnvifCamera.Received move, String axis) {
    Element velocity = SafeXml.firstDescendant(move.operationElement(), "Velocity").orElseThrow();
    return SafeXml.child(velocity, axis).orElseThrow(() -> new AssertionError("no " + axis + " velocity"));
  }

  @Test
  void leftLearnsTheCameraOnceThenMovesWithNegativePanAndStopsAfterTheSteps(Vertx vertx, VertxTestContext test) {
    FakeOnvifCamera[] camera = new FakeOnvifCamera[1];
    with(vertx, Duration.ZERO, fake -> {
      OnvifPtz ptz = ptz(vertx, fake, PASSWORD, TIMEOUT);
      return ptz.move("left", 3).compose(first -> ptz.move("zoomin", 1));
    }, camera).onComplete(test.succeeding(done -> test.verify(() -> {
      FakeOnvifCamera fake = camera[0];
      assertEquals(List.of("GetSystemDateAndTime", "GetCapabilities", "GetProfiles", "ContinuousMove", "Stop",
          "ContinuousMove", "Stop"), fake.operations());
      assertEquals(List.of("/onvif/device_service", "/onvif/device_service", "/onvif/Media", "/onvif/PTZ", "/onvif/PTZ",
          "/onvif/PTZ", "/onvif/PTZ"), fake.received.stream().map(FakeOnvifCamera.Received::path).toList());
      assertTrue(fake.received.stream().allMatch(r -> r.contentType().startsWith("application/soap+xml; charset=utf-8")));

      FakeOnvifCamera.Received left = fake.received.get(3);
      assertEquals("Profile_1", SafeXml.childText(left.operationElement(), "ProfileToken").orElseThrow());
      Element pan = velocity(left, "PanTilt");
      assertEquals(-0.5, Double.parseDouble(pan.getAttribute("x")));
      assertEquals(0.0, Double.parseDouble(pan.getAttribute("y")));
      FakeOnvifCamera.Received stop = fake.received.get(4);
      assertEquals("Profile_1", SafeXml.childText(stop.operationElement(), "ProfileToken").orElseThrow());
      assertTrue(stop.nanoTime() - left.nanoTime() >= TimeUnit.MILLISECONDS.toNanos(300),
          "3 steps move for 300 ms before Stop");

      assertEquals(0.5, Double.parseDouble(velocity(fake.received.get(5), "Zoom").getAttribute("x")));
      test.completeNow();
    })));
  }

  @Test
  void aCameraClockAnHourAheadStillAuthenticates(Vertx vertx, VertxTestContext test) {
    FakeOnvifCamera[] camera = new FakeOnvifCamera[1];
    with(vertx, Duration.ofHours(1), fake -> ptz(vertx, fake, PASSWORD, TIMEOUT).move("up", 1), camera)
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(List.of("GetSystemDateAndTime", "GetCapabilities", "GetProfiles", "ContinuousMove", "Stop"),
              camera[0].operations());
          FakeOnvifCamera.Received move = camera[0].only("ContinuousMove");
          assertEquals(0.5, Double.parseDouble(velocity(move, "PanTilt").getAttribute("y")));
          String created = FakeOnvifCamera.descendant(move.envelope().getDocumentElement(), "Created").getTextContent();
          Duration ahead = Duration.between(Instant.now(), Instant.parse(created));
          assertTrue(ahead.compareTo(Duration.ofMinutes(59)) > 0 && ahead.compareTo(Duration.ofMinutes(61)) < 0,
              "Created is on the camera's clock: " + created);
          test.completeNow();
        })));
  }

  @Test
  void aWrongPasswordIsAClearErrorThatNeverShowsThePassword(Vertx vertx, VertxTestContext test) {
    String wrong = "not-the-Pa55word";
    FakeOnvifCamera[] camera = new FakeOnvifCamera[1];
    with(vertx, Duration.ZERO, fake -> ptz(vertx, fake, wrong, TIMEOUT).move("right", 2), camera)
        .onComplete(test.failing(error -> test.verify(() -> {
          assertEquals("ONVIF GetCapabilities on 127.0.0.1:" + camera[0].port() + " failed: the camera refused user 'admin':"
              + " wrong password, or a user without PTZ rights (env:Sender/ter:NotAuthorized: The action requested"
              + " requires authorization and the sender is not authorized)", error.getMessage());
          assertFalse(error.getMessage().contains(wrong));
          assertEquals(List.of("GetSystemDateAndTime", "GetCapabilities"), camera[0].operations());
          test.completeNow();
        })));
  }

  @Test
  void capabilitiesRefusedFallBackToGetServices(Vertx vertx, VertxTestContext test) {
    FakeOnvifCamera[] camera = new FakeOnvifCamera[1];
    with(vertx, Duration.ZERO, fake -> {
      fake.overrides.put("GetCapabilities",
          request -> FakeOnvifCamera.soap(request, 500, Recorded.read("hikvision-ActionNotSupported.xml")));
      fake.overrides.put("GetServices", request -> FakeOnvifCamera.soap(request, 200, Recorded.read("dahua-GetServices.xml")));
      return ptz(vertx, fake, PASSWORD, TIMEOUT).move("down", 1);
    }, camera).onComplete(test.succeeding(done -> test.verify(() -> {
      // The Dahua service paths are used; the Hikvision-shaped fake answers them as it answers any path.
      assertEquals(List.of("GetSystemDateAndTime", "GetCapabilities", "GetServices", "GetProfiles", "ContinuousMove", "Stop"),
          camera[0].operations());
      assertEquals("/onvif/media_service", camera[0].only("GetProfiles").path());
      assertEquals("/onvif/ptz_service", camera[0].only("Stop").path());
      test.completeNow();
    })));
  }

  @Test
  void anAnswerThatIsNotXmlIsAClearError(Vertx vertx, VertxTestContext test) {
    FakeOnvifCamera[] camera = new FakeOnvifCamera[1];
    with(vertx, Duration.ZERO, fake -> {
      fake.overrides.put("GetProfiles", request -> request.response().putHeader("Content-Type", "text/html")
          .end("<!DOCTYPE html>\n<html><head><title>Document Error: Not Found</title></head></html>"));
      return ptz(vertx, fake, PASSWORD, TIMEOUT).move("left", 1);
    }, camera).onComplete(test.failing(error -> test.verify(() -> {
      assertEquals("ONVIF GetProfiles on 127.0.0.1:" + camera[0].port() + " failed: the answer (HTTP 200, text/html) is"
          + " not XML (a DOCTYPE, which is refused); it begins: <!DOCTYPE html> <html><head><title>Document Error: Not Found...",
          error.getMessage());
      assertFalse(camera[0].operations().contains("ContinuousMove"));
      test.completeNow();
    })));
  }

  @Test
  void aCameraThatNeverAnswersTimesOut(Vertx vertx, VertxTestContext test) {
    FakeOnvifCamera[] camera = new FakeOnvifCamera[1];
    with(vertx, Duration.ZERO, fake -> {
      fake.overrides.put("GetSystemDateAndTime", request -> { });
      return ptz(vertx, fake, PASSWORD, Duration.ofMillis(300)).move("left", 1);
    }, camera).onComplete(test.failing(error -> test.verify(() -> {
      assertEquals("ONVIF GetSystemDateAndTime on 127.0.0.1:" + camera[0].port() + " failed: no answer within 300 ms",
          error.getMessage());
      test.completeNow();
    })));
  }

  @Test
  void aMoveWhoseAnswerIsLostIsStoppedAnywayAndTheCameraLearnedAgain(Vertx vertx, VertxTestContext test) {
    FakeOnvifCamera[] camera = new FakeOnvifCamera[1];
    with(vertx, Duration.ZERO, fake -> {
      fake.overrides.put("ContinuousMove", request -> { });
      OnvifPtz ptz = ptz(vertx, fake, PASSWORD, Duration.ofMillis(300));
      return ptz.move("left", 1).transform(lost -> {
        fake.overrides.remove("ContinuousMove");
        return ptz.move("right", 1).map(lost.cause().getMessage());
      });
    }, camera).onComplete(test.succeeding(lostMessage -> test.verify(() -> {
      assertEquals("ONVIF ContinuousMove on 127.0.0.1:" + camera[0].port() + " failed: no answer within 300 ms", lostMessage);
      assertEquals(List.of("GetSystemDateAndTime", "GetCapabilities", "GetProfiles", "ContinuousMove", "Stop",
          "GetSystemDateAndTime", "GetCapabilities", "GetProfiles", "ContinuousMove", "Stop"), camera[0].operations());
      test.completeNow();
    })));
  }

  @Test
  void movesPilingUpOnAnUnresponsiveCameraAreRefused(Vertx vertx, VertxTestContext test) {
    FakeOnvifCamera[] camera = new FakeOnvifCamera[1];
    with(vertx, Duration.ZERO, fake -> {
      fake.overrides.put("GetSystemDateAndTime", request -> { });
      OnvifPtz ptz = ptz(vertx, fake, PASSWORD, Duration.ofMillis(200));
      List<Future<Void>> queued = new ArrayList<>();
      for (int i = 0; i < OnvifPtz.MAX_QUEUED_MOVES; i++) {
        queued.add(ptz.move("left", 1));
      }
      Future<Void> refused = ptz.move("left", 1);
      test.verify(() -> {
        assertTrue(refused.failed(), "refused at once");
        assertEquals("camera 127.0.0.1:" + fake.port() + " is still busy with 4 moves; try again when they are done",
            refused.cause().getMessage());
      });
      // Once they have timed out, moves are taken again.
      return Future.join(queued).transform(ended -> {
        fake.overrides.remove("GetSystemDateAndTime");
        return ptz.move("left", 1);
      });
    }, camera).onComplete(test.succeeding(done -> test.verify(() -> {
      assertEquals(List.of("GetSystemDateAndTime", "GetSystemDateAndTime", "GetSystemDateAndTime", "GetSystemDateAndTime",
          "GetSystemDateAndTime", "GetCapabilities", "GetProfiles", "ContinuousMove", "Stop"), camera[0].operations());
      test.completeNow();
    })));
  }

  @Test
  void aClosedPortIsAClearError(Vertx vertx, VertxTestContext test) throws Exception {
    int closed = FreePorts.next();
    new OnvifPtz(vertx, "127.0.0.1", closed, "admin", PASSWORD, TIMEOUT).move("up", 1)
        .onComplete(test.failing(error -> test.verify(() -> {
          assertTrue(error.getMessage().startsWith("ONVIF GetSystemDateAndTime on 127.0.0.1:" + closed
              + " failed: cannot reach the camera: "), error.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void badDirectionsAndStepsFailBeforeAnythingIsSent(Vertx vertx, VertxTestContext test) {
    FakeOnvifCamera[] camera = new FakeOnvifCamera[1];
    with(vertx, Duration.ZERO, fake -> {
      OnvifPtz ptz = ptz(vertx, fake, PASSWORD, TIMEOUT);
      return ptz.move("sideways", 1).transform(direction -> ptz.move("up", 11).transform(step ->
          Future.succeededFuture(List.of(direction.cause().getMessage(), step.cause().getMessage()))));
    }, camera).onComplete(test.succeeding(messages -> test.verify(() -> {
      assertEquals(List.of("direction must be one of up, down, left, right, zoomin, zoomout, not 'sideways'",
          "step must be a number from 1 to 10 (100 ms of movement each), not 11.0"), messages);
      assertEquals(List.of(), camera[0].operations());
      test.completeNow();
    })));
  }

  @Test
  void theConstructorRefusesBadSettings(Vertx vertx) {
    assertEquals("camera host must be a host name or IP address", assertThrows(IllegalArgumentException.class,
        () -> new OnvifPtz(vertx, "cam/../x", 80, "admin", "p", TIMEOUT)).getMessage());
    assertEquals("camera ONVIF port must be 1-65535, not 0", assertThrows(IllegalArgumentException.class,
        () -> new OnvifPtz(vertx, "cam", 0, "admin", "p", TIMEOUT)).getMessage());
    assertEquals("ONVIF timeout must be 50 ms to 60 s", assertThrows(IllegalArgumentException.class,
        () -> new OnvifPtz(vertx, "cam", 80, "admin", "p", Duration.ofMillis(10))).getMessage());
  }

  @Test
  void serviceAddressesKeepTheirPathOnly() {
    assertEquals("/onvif/PTZ", OnvifPtz.pathOf(Optional.of("http://192.168.1.64/onvif/PTZ")));
    assertEquals("/onvif/ptz?channel=2", OnvifPtz.pathOf(Optional.of("http://10.0.0.5:8000/onvif/ptz?channel=2")));
    assertEquals(OnvifPtz.DEVICE_SERVICE_PATH, OnvifPtz.pathOf(Optional.of("http://192.168.1.64")));
    assertEquals(OnvifPtz.DEVICE_SERVICE_PATH, OnvifPtz.pathOf(Optional.of("http://bad host/%%")));
    assertEquals(OnvifPtz.DEVICE_SERVICE_PATH, OnvifPtz.pathOf(Optional.empty()));
  }
}

package io.sensepulse.rig.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code chronyc -c tracking} lines as chrony 4.x prints them (CSV: numeric addresses, seconds, epoch times). */
class ChronyTrackingTest {
  /** CAM_L following cam-c (10.42.0.12): its clock is 12.3 µs fast (chrony prints a negative correction). */
  static final String CLIENT_SYNCED =
      "0A2A000C,10.42.0.12,9,1700000123.456789012,-0.000012345,-0.000008123,0.000020456,-3.456,-0.002,0.045,"
          + "0.000234567,0.000156789,16.2,Normal\n";
  /** Just started, no source answered yet. */
  static final String UNSYNCHRONISED =
      "00000000,,0,0.000000000,0.000000000,0.000000000,0.000000000,0.000,0.000,0.000,1.000000000,1.000000000,0.0,"
          + "Not synchronised\n";
  /** CAM_C serving its own clock: `local stratum 8` and no upstream source. */
  static final String LOCAL_REFERENCE =
      "7F7F0101,,8,1700000456.000000000,0.000000000,0.000000000,0.000000000,1.234,0.000,0.000,0.000000000,"
          + "0.000000000,0.0,Normal\n";
  /** A source was selected once, then lost: the reference is kept but the leap status says unsynchronised. */
  static final String LOST_SOURCE =
      "0A2A000C,10.42.0.12,9,1700000123.456789012,0.004000000,0.000100000,0.000200000,-3.456,0.000,0.120,"
          + "0.000234567,0.250000000,64.0,Not synchronised\n";

  @Test
  void aSynchronisedClientGivesItsOffsetWithTheSignTheRigUses() {
    ChronyTracking tracking = ChronyTracking.parse(CLIENT_SYNCED);
    assertEquals("0A2A000C", tracking.referenceId());
    assertEquals("10.42.0.12", tracking.referenceName());
    assertEquals(9, tracking.stratum());
    assertEquals(1700000123.456789012, tracking.referenceTime(), 1e-6);
    assertEquals(16.2, tracking.updateIntervalSeconds(), 1e-9);
    assertEquals("Normal", tracking.leapStatus());
    assertTrue(tracking.synchronised());
    // chrony corrects by -12.345 µs: the clock is that much ahead of the reference.
    assertEquals(0.012345, tracking.offsetMillis(), 1e-9);
    // RMS offset 20.456 µs + root dispersion 156.789 µs.
    assertEquals(0.177245, tracking.confidenceMillis(), 1e-9);
  }

  @Test
  void unsynchronisedStatesAreRecognised() {
    ChronyTracking fresh = ChronyTracking.parse(UNSYNCHRONISED);
    assertEquals("00000000", fresh.referenceId());
    assertEquals("", fresh.referenceName());
    assertEquals(0, fresh.stratum());
    assertEquals(ChronyTracking.NOT_SYNCHRONISED, fresh.leapStatus());
    assertFalse(fresh.synchronised());
    assertFalse(ChronyTracking.parse(LOST_SOURCE).synchronised());
  }

  @Test
  void theMastersLocalReferenceCountsAsSynchronised() {
    ChronyTracking master = ChronyTracking.parse(LOCAL_REFERENCE);
    assertEquals(8, master.stratum());
    assertTrue(master.synchronised());
    assertEquals(0.0, master.offsetMillis(), 0.0);
  }

  @Test
  void whatIsNotATrackingLineIsRefusedWithTheReason() {
    IllegalArgumentException daemonDown = assertThrows(IllegalArgumentException.class,
        () -> ChronyTracking.parse("506 Cannot talk to daemon\n"));
    assertTrue(daemonDown.getMessage().contains("Cannot talk to daemon"), daemonDown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ChronyTracking.parse(""));
    IllegalArgumentException badNumber = assertThrows(IllegalArgumentException.class,
        () -> ChronyTracking.parse(CLIENT_SYNCED.replace("-0.000012345", "fast")));
    assertTrue(badNumber.getMessage().contains("system time"), badNumber.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ChronyTracking.parse(CLIENT_SYNCED.replace("-0.000012345", "NaN")));
  }
}

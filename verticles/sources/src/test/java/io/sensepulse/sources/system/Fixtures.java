package io.sensepulse.sources.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** System files of a Raspberry Pi 3B (4 cores, 1 GB) in their real formats, and fake /proc + /sys trees made of them. */
final class Fixtures {
  private Fixtures() {}

  /**
   * /proc/stat. The aggregate line is the sum of cpu0..cpu3:
   * idle + iowait = 10869567 + 12451 = 10882018;
   * total of the first 8 columns = 226870 + 1016 + 92838 + 10869567 + 12451 + 0 + 4386 + 0 = 11207128.
   */
  static final String PROC_STAT_A = """
      cpu  226870 1016 92838 10869567 12451 0 4386 0 0 0
      cpu0 57519 263 25054 2711447 3397 0 3071 0 0 0
      cpu1 56304 246 22378 2719789 3009 0 508 0 0 0
      cpu2 56820 258 22521 2719052 3031 0 426 0 0 0
      cpu3 56227 249 22885 2719279 3014 0 381 0 0 0
      intr 21868513 0 14389 2218733 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      ctxt 39432151
      btime 1717171717
      processes 61234
      procs_running 1
      procs_blocked 0
      softirq 7546532 1 1987016 6 96443 0 0 1205617 2061231 0 2196218
      """;

  /**
   * /proc/stat a moment after {@link #PROC_STAT_A}: per core user +30, system +10, idle +190,
   * iowait +10, softirq +9/+9/+9/+8, nice +1/+2/+1/+1. Aggregate deltas: total 1000 ticks, of
   * which idle + iowait 760 + 40 = 800, so the CPUs were busy 100 * (1 - 800/1000) = 20.0 %.
   */
  static final String PROC_STAT_B = """
      cpu  226990 1021 92878 10870327 12491 0 4421 0 0 0
      cpu0 57549 264 25064 2711637 3407 0 3080 0 0 0
      cpu1 56334 248 22388 2719979 3019 0 517 0 0 0
      cpu2 56850 259 22531 2719242 3041 0 435 0 0 0
      cpu3 56257 250 22895 2719469 3024 0 389 0 0 0
      intr 21870001 0 14391 2218950 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      ctxt 39433402
      btime 1717171717
      processes 61240
      procs_running 2
      procs_blocked 0
      softirq 7546871 1 1987101 6 96447 0 0 1205688 2061301 0 2196327
      """;

  /** /proc/meminfo: used 100 * (1 - 612748/918852) = 33.31 %, available 612748 / 1024 = 598.39 MB. */
  static final String PROC_MEMINFO = """
      MemTotal:         918852 kB
      MemFree:          321204 kB
      MemAvailable:     612748 kB
      Buffers:           31652 kB
      Cached:           318512 kB
      SwapCached:            0 kB
      Active:           211136 kB
      Inactive:         273648 kB
      Active(anon):     126296 kB
      Inactive(anon):    12364 kB
      Active(file):      84840 kB
      Inactive(file):   261284 kB
      Unevictable:          16 kB
      Mlocked:              16 kB
      SwapTotal:        102396 kB
      SwapFree:         102396 kB
      Zswap:                 0 kB
      Zswapped:              0 kB
      Dirty:                 8 kB
      Writeback:             0 kB
      AnonPages:        134636 kB
      Mapped:           120952 kB
      Shmem:              4040 kB
      KReclaimable:      24776 kB
      Slab:              54600 kB
      SReclaimable:      24776 kB
      SUnreclaim:        29824 kB
      KernelStack:        2208 kB
      PageTables:         3676 kB
      SecPageTables:         0 kB
      NFS_Unstable:          0 kB
      Bounce:                0 kB
      WritebackTmp:          0 kB
      CommitLimit:      561820 kB
      Committed_AS:     872092 kB
      VmallocTotal:     245760 kB
      VmallocUsed:        7328 kB
      VmallocChunk:          0 kB
      Percpu:              656 kB
      CmaTotal:         262144 kB
      CmaFree:          214720 kB
      HugePages_Total:       0
      HugePages_Free:        0
      HugePages_Rsvd:        0
      HugePages_Surp:        0
      Hugepagesize:       2048 kB
      Hugetlb:               0 kB
      """;

  static final String PROC_LOADAVG = "0.52 0.58 0.59 1/389 12345\n";
  static final String PROC_UPTIME = "350735.47 1383437.59\n";
  /** thermal_zone0/temp (cpu-thermal): 48.312 °C. */
  static final String THERMAL_TEMP = "48312\n";
  /** get_throttled as the firmware driver prints it ("%x\n"): under-voltage and throttled now, both since boot. */
  static final String GET_THROTTLED = "50005\n";

  /** Writes {@code proc/} with stat, meminfo, loadavg and uptime under root; returns the proc root. */
  static Path writeProc(Path root, String stat) throws IOException {
    Path proc = Files.createDirectories(root.resolve("proc"));
    Files.writeString(proc.resolve("stat"), stat);
    Files.writeString(proc.resolve("meminfo"), PROC_MEMINFO);
    Files.writeString(proc.resolve("loadavg"), PROC_LOADAVG);
    Files.writeString(proc.resolve("uptime"), PROC_UPTIME);
    return proc;
  }

  /** Writes a Raspberry Pi's {@code sys/} (thermal zone and firmware get_throttled) under root; returns the sys root. */
  static Path writePiSys(Path root) throws IOException {
    Path sys = Files.createDirectories(root.resolve("sys"));
    write(sys.resolve(SystemFiles.THERMAL_ZONE_TEMP), THERMAL_TEMP);
    write(sys.resolve(SystemFiles.GET_THROTTLED), GET_THROTTLED);
    return sys;
  }

  /** An empty {@code sys/}: a machine with no thermal zone that is not a Pi. */
  static Path writeBareSys(Path root) throws IOException {
    return Files.createDirectories(root.resolve("sys"));
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}

package io.pulseboard.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operating-system processes of a PostgreSQL data directory: its postmaster, leftovers, an orphan. */
final class PgDataProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(PgDataProcesses.class);
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

  private PgDataProcesses() {}

  /** The running postmaster named in {@code postmaster.pid}, if any. */
  static Optional<ProcessHandle> postmaster(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      long pid = Long.parseLong(lines.get(0).trim());
      return ProcessHandle.of(pid)
          .filter(PgDataProcesses::running)
          .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    } catch (IOException | RuntimeException e) {
      LOG.debug("No readable postmaster.pid in {}", pgData, e);
      return Optional.empty();
    }
  }

  /**
   * A Pulseboard killed with SIGKILL leaves its PostgreSQL running on the data directory; a new
   * server cannot start there until it stops. Only called with the directory's lock held, which
   * proves that no live Pulseboard owns it. Ask for a fast shutdown (SIGINT), then force it.
   */
  static void stopOrphan(Path pgData) {
    Optional<ProcessHandle> orphan = postmaster(pgData);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warn("Stopping an orphaned PostgreSQL (pid {}) left running on {}", process.pid(), pgData);
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("The orphaned PostgreSQL did not stop in {}s; killing it", ORPHAN_STOP_WAIT.toSeconds());
      process.destroyForcibly();
      process.onExit().join();
    }
  }

  /**
   * Processes still running in a server's directory, such as the backends of a dead postmaster,
   * which notice its death only when they next wake. Linux only (elsewhere 0): a PostgreSQL
   * process's {@code /proc/PID/cwd} is its data directory.
   */
  static long leftovers(Path pgData) {
    Path[] procs;
    try (var list = Files.list(Path.of("/proc"))) {
      procs = list.filter(p -> p.getFileName().toString().matches("\\d+")).toArray(Path[]::new);
    } catch (IOException | RuntimeException noProcFs) {
      return 0;
    }
    Path dir = pgData.toAbsolutePath();
    long count = 0;
    for (Path proc : procs) {
      try {
        count += Files.readSymbolicLink(proc.resolve("cwd")).equals(dir) ? 1 : 0;
      } catch (IOException | RuntimeException goneOrNotOurs) {
        // ended meanwhile, or another user's process
      }
    }
    return count;
  }

  /** Alive and not a zombie: a killed postmaster whose parent has not reaped it yet counts as dead. */
  private static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    try {
      String text = Files.readString(stat);
      char state = text.charAt(text.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException noProcFs) {
      return true;
    }
  }
}

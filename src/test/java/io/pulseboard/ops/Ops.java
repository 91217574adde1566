package io.pulseboard.ops;

import io.pulseboard.TestApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** What the operations tests share: arguments for a real process, the postmaster of a data directory, waiting. */
final class Ops {
  private Ops() {}

  /** Arguments for a process on the embedded database in {@code dataDir}, on a free port. */
  static List<String> embedded(Path dataDir, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--data-dir", dataDir.toString(), "--port", "0",
        "--host", "127.0.0.1", "--admin-token", TestApp.ADMIN_TOKEN));
    args.addAll(List.of(more));
    return args;
  }

  /** The running postmaster named in the data directory's {@code postgres/postmaster.pid}. */
  static Optional<ProcessHandle> postmaster(Path dataDir) {
    Path pidFile = dataDir.resolve("postgres/postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
          .filter(ProcessHandle::isAlive);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Polls until the condition holds; fails with {@code what} after {@code within}. */
  static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}

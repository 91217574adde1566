package io.pulseboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code PULSEBOARD_PORT=0}: every HTTP server instance (one per event loop) shares the one port
 * the log line names. Seen from outside, in a real process: it listens on exactly one TCP port.
 */
class PortZeroTest {
  @Test
  void port_0_binds_one_port_that_every_event_loop_shares_and_the_log_line_names() throws Exception {
    // Four event loops even on a smaller machine, so that separate ports would show.
    Map<String, String> env = Map.of("DATABASE_URL", TestDatabase.create(),
        "JAVA_TOOL_OPTIONS", "-XX:ActiveProcessorCount=4");
    try (AppProcess app = AppProcess.start(List.of("--port", "0", "--host", "127.0.0.1"), env)) {
      int port = app.awaitPort();
      assertThat(app.output()).contains("listening on http://127.0.0.1:" + port + " (4 event loops;");
      assertThat(listeningPorts(app.pid())).containsExactly(port);
      assertThat(app.terminate()).isZero();
    }
  }

  /** TCP ports the process listens on, from the socket inodes of its file descriptors and /proc/net/tcp{,6}. */
  private static Set<Integer> listeningPorts(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      fds.forEach(fd -> {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // not a socket any more
        }
      });
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
        String[] f = line.trim().split("\\s+");
        // f[1] local address:port (hex), f[3] state (0A = LISTEN), f[9] inode
        if (f[3].equals("0A") && inodes.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }
}

package io.pulseboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.TestDatabase;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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

  @Test
  void connections_to_the_reported_port_are_served_by_several_event_loops() throws Exception {
    Map<String, String> env = Map.of("DATABASE_URL", TestDatabase.create(),
        "JAVA_TOOL_OPTIONS", "-XX:ActiveProcessorCount=4");
    try (AppProcess app = AppProcess.start(List.of("--port", "0", "--host", "127.0.0.1"), env)) {
      int port = app.awaitPort();
      Map<Long, Long> before = eventLoopCpuTicks(app.pid());
      for (int i = 0; i < 200; i++) {
        // A new connection each time, handed to the next event loop in turn.
        assertThat(getOverNewConnection(port, "/api/v1/openapi.yaml")).startsWith("HTTP/1.1 200");
      }
      Map<Long, Long> after = eventLoopCpuTicks(app.pid());
      long busy = after.entrySet().stream().filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L)).count();
      assertThat(busy).as("event loops that served requests").isGreaterThan(1);
      assertThat(app.terminate()).isZero();
    }
  }

  private static String getOverNewConnection(int port, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** CPU clock ticks used so far by each event-loop thread of the process, by thread id. */
  private static Map<Long, Long> eventLoopCpuTicks(long pid) throws IOException {
    Map<Long, Long> ticks = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        String stat = Files.readString(task.resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith("vert.x-eventloo")) {
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the name
          ticks.put(Long.parseLong(task.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
        }
      }
    }
    return ticks;
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

package io.pulseboard.bench;

import io.pulseboard.TestApp;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A server under test in its own JVM, apart from the bench's clients, so that its resident memory and CPU time can be read from /proc. */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@code mainClass} with this environment on a free port and waits until it is ready. */
  static ServerProcess start(String mainClass, Map<String, String> env, List<String> args, Path log) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new java.util.ArrayList<>(List.of(javaBin(), "-Xmx2g", "-cp", classpath(), mainClass));
    args.forEach(a -> command.add(a.replace("{port}", String.valueOf(port))));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("PULSEBOARD_PORT", String.valueOf(port));
    ServerProcess server = new ServerProcess(pb.start(), port);
    server.awaitReady();
    return server;
  }

  /**
   * Starts Pulseboard on this database, listening on 127.0.0.1 with the tests' admin token;
   * {@code settings} add to or override that environment (e.g. {@code PULSEBOARD_SEED=false}).
   */
  static ServerProcess pulseboard(String databaseUrl, Map<String, String> settings, Path log) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", databaseUrl, "PULSEBOARD_HOST", "127.0.0.1",
        "PULSEBOARD_ADMIN_TOKEN", TestApp.ADMIN_TOKEN));
    env.putAll(settings);
    return start("io.pulseboard.Main", env, List.of(), log);
  }

  int port() {
    return port;
  }

  /** Resident set size of the server process, in KiB. */
  long rssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS for " + process.pid());
  }

  /** CPU time the server process has used so far (user + system), in seconds. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /** Java heap in use right after a full collection, in KiB (asks the server JVM through jcmd). */
  long heapAfterGcKib() throws Exception {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private String jcmd(String command) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(process.pid()), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  private void awaitReady() throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health/ready").toURL()
            .openConnection();
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("server not ready within 60 s");
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The classpath of this run: the exec plugin's class loader, else the JVM's own. */
  private static String classpath() {
    if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
      return Arrays.stream(loader.getURLs()).map(u -> new File(URI.create(u.toString())).getPath())
          .collect(Collectors.joining(File.pathSeparator));
    }
    return System.getProperty("java.class.path");
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

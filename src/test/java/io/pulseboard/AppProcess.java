package io.pulseboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulseboard run as its own process with {@code java io.pulseboard.Main}, as users run it. */
public final class AppProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on https?://[^:]+:(\\d+)");

  private final Process process;
  private final List<String> output = new ArrayList<>();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  private final Thread reader;

  private AppProcess(Process process) {
    this.process = process;
    reader = new Thread(this::read, "app-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code Main} with these arguments and extra environment. */
  public static AppProcess start(List<String> args, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.pulseboard.Main"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().keySet().removeIf(k -> k.startsWith("PULSEBOARD_") || k.equals("DATABASE_URL"));
    builder.environment().putAll(env);
    return new AppProcess(builder.start());
  }

  /** The HTTP port, once the process logged that it listens. */
  public int awaitPort() throws Exception {
    return port.get(120, TimeUnit.SECONDS);
  }

  /** Waits for the process to end; the exit code. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the process did not exit: " + output());
    }
    reader.join(10_000);
    return process.exitValue();
  }

  /** The operating-system pid of the process. */
  public long pid() {
    return process.pid();
  }

  public String stderr() throws IOException {
    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  public synchronized String output() {
    return String.join("\n", output);
  }

  /** SIGKILL: no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * SIGTERM: the graceful shutdown path; the exit code. Sent through the process handle, since
   * {@code Process.destroy()} also closes the pipes, losing what the process logs and prints
   * while it shuts down.
   */
  public int terminate() throws InterruptedException {
    process.toHandle().destroy();
    return awaitExit();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (this) {
          output.add(line);
        }
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("the process ended before listening: " + output()));
  }
}

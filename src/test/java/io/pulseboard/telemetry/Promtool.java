package io.pulseboard.telemetry;

import io.pulseboard.ExternalTool;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Prometheus tools of the Debian package {@code prometheus} (which CI installs). Tests
 * that need them are skipped, saying why, on a machine without them.
 */
public final class Promtool {
  /** What a tool printed and how it exited. */
  public record Result(int exitCode, String output) {
    public boolean clean() {
      return exitCode == 0 && output.isBlank();
    }
  }

  private Promtool() {}

  /** The path of a Prometheus binary, or a skipped test when it is not installed. */
  public static Path require(String name) {
    return ExternalTool.require(name, "prometheus");
  }

  /** {@code promtool check metrics} on an exposition; lint warnings come out in the output. */
  public static Result checkMetrics(String exposition) throws IOException, InterruptedException {
    return run(exposition, require("promtool").toString(), "check", "metrics");
  }

  /** {@code promtool check rules} on rule files. */
  public static Result checkRules(Path... files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(require("promtool").toString(), "check", "rules"));
    for (Path f : files) {
      command.add(f.toString());
    }
    return run("", command.toArray(String[]::new));
  }

  /** {@code promtool check config} on a Prometheus configuration (and the rule files it names). */
  public static Result checkConfig(Path file) throws IOException, InterruptedException {
    return run("", require("promtool").toString(), "check", "config", file.toString());
  }

  private static Result run(String stdin, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
      try {
        return process.getInputStream().readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Result(process.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
  }
}

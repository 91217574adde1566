package io.pulseboard.contract;

import io.pulseboard.ExternalTool;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Redocly CLI's {@code redocly lint} (npm package {@code @redocly/cli}, which CI installs) with
 * the project's lint settings. A test that needs it is skipped, saying why, where it is missing.
 */
final class Redocly {
  /** The lint settings: Redocly's recommended rules, and the reasons for the few that differ. */
  static final Path CONFIG = Path.of("src/test/resources/redocly.yaml");
  private static final long TIMEOUT_SECONDS = 120;

  private Redocly() {}

  /** The JSON report of {@code redocly lint} on a document: {@code totals} and {@code problems}. */
  static JsonObject lint(Path document) throws IOException, InterruptedException {
    Path redocly = ExternalTool.require("redocly", "npm @redocly/cli");
    ProcessBuilder builder = new ProcessBuilder(redocly.toString(), "lint", "--config", CONFIG.toString(),
        "--format", "json", document.toString());
    // Nothing leaves the machine, and nothing but the report reaches stdout.
    builder.environment().put("REDOCLY_TELEMETRY", "off");
    builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    builder.environment().put("NO_COLOR", "1");
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("redocly lint did not finish within " + TIMEOUT_SECONDS + " s");
    }
    String report = out.join();
    int start = report.indexOf('{');
    if (start < 0) {
      throw new IllegalStateException("redocly lint exited " + process.exitValue() + " without a report: " + report);
    }
    return new JsonObject(report.substring(start));
  }
}

package io.pulseboard;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Programs some tests drive: Chromium, Prometheus, Node. A test whose program is missing is
 * skipped, so that {@code ./mvnw verify} works on a machine with only a JDK; with
 * {@code PULSEBOARD_TEST_REQUIRE_TOOLS=true} (as CI runs) it fails instead, so none is skipped
 * unnoticed.
 */
public final class ExternalTool {
  /** Environment variable that turns a missing program into a failure. */
  public static final String REQUIRE_ENV = "PULSEBOARD_TEST_REQUIRE_TOOLS";

  private ExternalTool() {}

  /** The program (a name looked up on PATH, or an absolute path), or a skipped or failed test. */
  public static Path require(String program, String debianPackage) {
    Path found = find(program);
    if (found != null) {
      return found;
    }
    String why = program + " is not installed (Debian package '" + debianPackage + "'; .ci/run installs it)";
    if ("true".equals(System.getenv(REQUIRE_ENV))) {
      fail(why);
    }
    assumeTrue(false, why + ": skipped");
    return null;
  }

  private static Path find(String program) {
    if (program.startsWith("/")) {
      return Files.isExecutable(Path.of(program)) ? Path.of(program) : null;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}

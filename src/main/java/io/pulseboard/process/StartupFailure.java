package io.pulseboard.process;

/**
 * A start-up failure the operator can act on: its message is the one line shown (what went wrong
 * and what to do), its exit code says which kind it is.
 */
public final class StartupFailure extends RuntimeException {
  private final ExitCode exitCode;

  public StartupFailure(ExitCode exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}

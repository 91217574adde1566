package io.pulseboard.cli;

/** Arguments the command line refuses; its message is the one line the user sees (exit code 2). */
public final class UsageError extends RuntimeException {
  public UsageError(String message) {
    super(message, null, false, false);
  }
}

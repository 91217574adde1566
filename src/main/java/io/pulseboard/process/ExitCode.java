package io.pulseboard.process;

/**
 * How a Pulseboard process ends. Service managers and scripts read these; docs/operations.md
 * lists them, and each has a test that starts a real process.
 */
public enum ExitCode {
  /** Stopped on SIGTERM or SIGINT after a clean shutdown, or {@code --help}. */
  CLEAN(0),
  /** Anything not foreseen below: a bug; the log has the stack trace. */
  UNEXPECTED(1),
  /** Invalid configuration, or the data directory is in use by another process. */
  CONFIGURATION(2),
  /** The HTTP port could not be bound (in use, not permitted, or the address is not on this machine). */
  PORT_UNAVAILABLE(3),
  /** The external database could not be reached in time, refused the login, or does not exist. */
  DATABASE_UNAVAILABLE(4),
  /** The data directory cannot be created or written. */
  DATA_DIR_UNUSABLE(5),
  /** The embedded PostgreSQL did not start. */
  EMBEDDED_DATABASE_FAILED(6),
  /** The embedded PostgreSQL died while running and did not come back in time. */
  DATABASE_LOST(7);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}

package io.pulseboard.process;

/** The innermost cause of a failure, as one line for an operator's message. */
public final class RootCause {
  private RootCause() {}

  /** The first line of the root cause's message (its class name when it has none), trimmed. */
  public static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    return message.lines().findFirst().orElse(message).strip();
  }
}

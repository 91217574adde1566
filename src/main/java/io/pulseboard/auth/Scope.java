package io.pulseboard.auth;

import io.pulseboard.db.Board;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One right a token carries, written as text in the API, the command line and the database:
 * {@code admin} (everything, tokens included), {@code read} (every read, {@code /ws},
 * {@code /metrics}), {@code write} (points of every metric), {@code write:<metric id>} or
 * {@code write:<prefix>*} (points of those metrics), {@code board:<id>} (one board and the
 * metrics it shows). The grammar lives here and nowhere else.
 */
public record Scope(Kind kind, String argument) {
  /** What a scope grants. */
  public enum Kind { ADMIN, READ, WRITE, BOARD }

  /** Longest scope text accepted. */
  public static final int MAX_LENGTH = 80;

  private static final Pattern WRITE_ONE = Pattern.compile("write:([a-z][a-z0-9_]{0,62})(\\*?)");
  private static final Pattern BOARD = Pattern.compile("board:(" + Board.ID_SYNTAX + ")");

  /** The scope this text names; {@link IllegalArgumentException} with a readable reason if none. */
  public static Scope parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("a scope may not be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a scope has at most " + MAX_LENGTH + " characters");
    }
    switch (text) {
      case "admin":
        return new Scope(Kind.ADMIN, null);
      case "read":
        return new Scope(Kind.READ, null);
      case "write":
        return new Scope(Kind.WRITE, null);
      default:
        break;
    }
    Matcher write = WRITE_ONE.matcher(text);
    if (write.matches()) {
      return new Scope(Kind.WRITE, write.group(1) + write.group(2));
    }
    Matcher board = BOARD.matcher(text);
    if (board.matches()) {
      return new Scope(Kind.BOARD, board.group(1));
    }
    throw new IllegalArgumentException("unknown scope '" + text
        + "'; use admin, read, write, write:<metric id>, write:<prefix>* or board:<id>");
  }

  /** Whether this scope lets its token write points of this metric. */
  public boolean allowsWrite(String metricId) {
    if (kind == Kind.ADMIN || (kind == Kind.WRITE && argument == null)) {
      return true;
    }
    if (kind != Kind.WRITE) {
      return false;
    }
    return argument.endsWith("*")
        ? metricId.startsWith(argument.substring(0, argument.length() - 1))
        : metricId.equals(argument);
  }

  @Override
  public String toString() {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT);
    return argument == null ? name : name + ":" + argument;
  }
}

package io.pulseboard.db;

/**
 * Points as they were known at an instant, for queries that answer "as of": the set-returning
 * function {@code pulseboard_points_as_of} (migration V010) stands in for the {@code points}
 * table. A point's value at T is the one written at or before T and not yet replaced at T;
 * points first written after T are absent.
 */
final class AsOf {
  private AsOf() {}

  /** A FROM item with the columns of {@code points}, as known at the instant bound to {@code param}. */
  static String points(String param) {
    return "pulseboard_points_as_of(" + param + "::timestamptz)";
  }
}

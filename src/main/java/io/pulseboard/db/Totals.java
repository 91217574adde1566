package io.pulseboard.db;

/**
 * Per-series totals kept by triggers on the points (count, sum, min, max, last value, highest
 * seq) over UTC days (V010) or UTC hours (V020), from which long buckets are summed instead of
 * reading every point. Both stay exact under corrections and deletes.
 *
 * @param table the totals table
 * @param column its column holding the UTC start of each period
 * @param length the period's length, an SQL interval literal
 */
enum Totals {
  DAYS("point_days", "day", "1 day"),
  HOURS("point_hours", "hour", "1 hour");

  final String table;
  final String column;
  final String length;

  Totals(String table, String column, String length) {
    this.table = table;
    this.column = column;
    this.length = length;
  }
}

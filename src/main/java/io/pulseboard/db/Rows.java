package io.pulseboard.db;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading times from rows and writing them as the API shows them (RFC 3339, UTC). */
final class Rows {
  private Rows() {}

  static Instant instant(Row row, String column) {
    OffsetDateTime at = row.getOffsetDateTime(column);
    return at == null ? null : at.toInstant();
  }

  static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}

package io.pulseboard.cli;

import io.pulseboard.db.StoredToken;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Tokens as a plain-text table for a terminal: one row each, never a secret or a hash. */
final class TokenTable {
  private static final List<String> HEADER = List.of("ID", "NAME", "SCOPES", "EXPIRES", "CREATED", "BY",
      "LAST USED", "REVOKED");
  private static final String NONE = "-";

  private TokenTable() {}

  static String of(List<StoredToken> tokens) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (StoredToken t : tokens) {
      rows.add(List.of(Long.toString(t.id()), text(t.name()), String.join(",", t.scopes()), time(t.expiresAt()),
          time(t.createdAt()), text(t.createdBy()), time(t.lastUsedAt()), time(t.revokedAt())));
    }
    int[] widths = new int[HEADER.size()];
    rows.forEach(row -> {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
      }
    });
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell).append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** A time to the second in UTC, or "-" for none. */
  static String time(Instant at) {
    return at == null ? NONE : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Text as it may be shown on a terminal: control characters (which could move the cursor or
   * change colours) as {@code \\uXXXX}, empty as "-".
   */
  static String text(String value) {
    if (value == null || value.isEmpty()) {
      return NONE;
    }
    StringBuilder out = new StringBuilder();
    value.codePoints().forEach(c -> {
      if (Character.getType(c) == Character.CONTROL) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}

package io.pulseboard.db;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * The columns of a stored point as the API shows it ({@code ts, value, source, seq, updated_at}):
 * the select list and the decoding of its row, side by side. A prefix lets one row carry several
 * points (the latest, previous and year-ago points of a summary).
 */
final class PointColumns {
  private static final String SELECT = "%1$s.ts AS %2$sts, %1$s.value AS %2$svalue, %1$s.source AS %2$ssource, "
      + "%1$s.seq AS %2$sseq, %1$s.updated_at AS %2$supdated_at";

  private PointColumns() {}

  /** The select list of the points table aliased {@code table}, each column named with {@code prefix}. */
  static String select(String table, String prefix) {
    return SELECT.formatted(table, prefix);
  }

  /** The point whose columns {@link #select} named with this prefix; null when a join found none. */
  static JsonObject json(Row row, String prefix) {
    OffsetDateTime ts = row.getOffsetDateTime(prefix + "ts");
    if (ts == null) {
      return null;
    }
    OffsetDateTime updated = row.getOffsetDateTime(prefix + "updated_at");
    return new JsonObject()
        .put("ts", ts.toInstant().toString())
        .put("value", row.getDouble(prefix + "value"))
        .put("source", row.getString(prefix + "source"))
        .put("seq", row.getLong(prefix + "seq"))
        .put("updated_at", updated == null ? null : updated.toInstant().toString());
  }

  /** Writes the point {@link #json} reads from this row (no prefix), field for field, straight to JSON. */
  static void write(Row row, JsonGenerator json) throws IOException {
    OffsetDateTime updated = row.getOffsetDateTime("updated_at");
    Double value = row.getDouble("value");
    Long seq = row.getLong("seq");
    json.writeStartObject();
    json.writeStringField("ts", InstantText.of(row.getOffsetDateTime("ts").toInstant()));
    json.writeFieldName("value");
    if (value == null) {
      json.writeNull();
    } else {
      json.writeNumber(value.doubleValue());
    }
    json.writeStringField("source", row.getString("source"));
    json.writeFieldName("seq");
    if (seq == null) {
      json.writeNull();
    } else {
      json.writeNumber(seq.longValue());
    }
    json.writeStringField("updated_at", updated == null ? null : InstantText.of(updated.toInstant()));
    json.writeEndObject();
  }
}

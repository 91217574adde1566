package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;

/** A place alerts are sent to ({@code channels}, migration {@code V014}); its secret stays in the table. */
public record Channel(long id, String name, String kind, String url, String format, Instant createdAt,
    Instant updatedAt) {

  /** The columns {@link #of(Row)} reads. */
  static final String COLUMNS = "id, name, kind, url, format, created_at, updated_at";

  static Channel of(Row row) {
    return new Channel(row.getLong("id"), row.getString("name"), row.getString("kind"), row.getString("url"),
        row.getString("format"), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
  }

  /** The API's form: never the secret, only that there is one. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("kind", kind)
        .put("url", url)
        .put("format", format)
        .put("secret_set", true)
        .put("created_at", Rows.text(createdAt))
        .put("updated_at", Rows.text(updatedAt));
  }
}

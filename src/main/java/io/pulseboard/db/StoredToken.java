package io.pulseboard.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A token as a record: everything about it but its secret, which is never stored. */
public record StoredToken(long id, String name, List<String> scopes, Instant expiresAt, String createdBy,
    Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

  /** The columns {@link #of(Row)} reads, for every select of tokens. */
  static final String COLUMNS = "id, name, scopes, expires_at, created_by, created_at, last_used_at, revoked_at";

  static StoredToken of(Row row) {
    return new StoredToken(row.getLong("id"), row.getString("name"),
        List.copyOf(Arrays.asList(row.getArrayOfStrings("scopes"))), instant(row, "expires_at"),
        row.getString("created_by"), instant(row, "created_at"), instant(row, "last_used_at"),
        instant(row, "revoked_at"));
  }

  /** Whether it may be used at this instant: not revoked, not expired. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }

  /** The API's form: never a secret, never a hash. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("scopes", new JsonArray(scopes))
        .put("expires", text(expiresAt))
        .put("created_at", text(createdAt))
        .put("created_by", createdBy)
        .put("last_used_at", text(lastUsedAt))
        .put("revoked_at", text(revokedAt));
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime at = row.getOffsetDateTime(column);
    return at == null ? null : at.toInstant();
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}

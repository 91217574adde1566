package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens as records ({@code api_tokens}, migration {@code V008}); their secrets are never
 * stored, only SHA-256 hashes. Every creation and revocation notifies {@link #CHANNEL} with the
 * token's id, so every instance learns of it at once.
 */
public final class TokenRepository {
  /** The channel on which creations and revocations are announced. */
  public static final String CHANNEL = "pulseboard_tokens";

  /** A token in force and the hash of its secret. */
  public record Active(byte[] hash, StoredToken token) {}

  private static final String COLUMNS = StoredToken.COLUMNS;
  private static final String INSERT = "WITH t AS (INSERT INTO api_tokens (name, scopes, expires_at, created_by, hash)"
      + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS + ")"
      + " SELECT t.*, pg_notify('" + CHANNEL + "', t.id::text) FROM t";
  private static final String LIST = "SELECT " + COLUMNS + " FROM api_tokens ORDER BY id";
  private static final String REVOKE = "WITH t AS (UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())"
      + " WHERE id = $1 RETURNING " + COLUMNS + ")"
      + " SELECT t.*, pg_notify('" + CHANNEL + "', t.id::text) FROM t";
  private static final String ACTIVE = "SELECT hash, " + COLUMNS + " FROM api_tokens"
      + " WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) ORDER BY id";
  private static final String WITH_SCOPE = "SELECT hash FROM api_tokens WHERE $1 = ANY (scopes)"
      + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) ORDER BY id";
  private static final String IN_FORCE = "SELECT 1 FROM api_tokens WHERE hash = $1"
      + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())";
  private static final String ENSURE = "WITH t AS (INSERT INTO api_tokens (name, scopes, created_by, hash)"
      + " VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING RETURNING id)"
      + " SELECT t.id, pg_notify('" + CHANNEL + "', t.id::text) FROM t";
  private static final String BY_HASH = "SELECT " + COLUMNS + " FROM api_tokens WHERE hash = $1";
  private static final String REVOKE_NAMED = "WITH t AS (UPDATE api_tokens SET revoked_at = now()"
      + " WHERE name = $1 AND created_by = $2 AND revoked_at IS NULL AND ($3::bytea IS NULL OR hash <> $3)"
      + " RETURNING id) SELECT t.id, pg_notify('" + CHANNEL + "', t.id::text) FROM t";
  private static final String TOUCH = "UPDATE api_tokens t SET last_used_at = greatest(t.last_used_at, u.at)"
      + " FROM unnest($1::bigint[], $2::timestamptz[]) AS u(id, at) WHERE t.id = u.id";

  private final Pool pool;

  public TokenRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores a new token by the hash of its secret; the record as stored. */
  public Future<StoredToken> create(String name, List<String> scopes, Instant expiresAt, String createdBy, byte[] hash) {
    Tuple args = Tuple.of(name, scopes.toArray(new String[0]), utc(expiresAt), createdBy, Buffer.buffer(hash));
    return pool.preparedQuery(INSERT).execute(args).map(rows -> StoredToken.of(rows.iterator().next()));
  }

  /**
   * The token with this hash, stored first (without expiry) when there is none; a token that
   * exists already is left as it is, revoked or not. The future holds the record.
   */
  public Future<StoredToken> ensure(String name, List<String> scopes, String createdBy, byte[] hash) {
    Tuple args = Tuple.of(name, scopes.toArray(new String[0]), createdBy, Buffer.buffer(hash));
    return pool.preparedQuery(ENSURE).execute(args)
        .compose(v -> pool.preparedQuery(BY_HASH).execute(Tuple.of(Buffer.buffer(hash))))
        .map(rows -> StoredToken.of(rows.iterator().next()));
  }

  /**
   * Revokes the tokens in force of this name and creator, except the one with {@code keepHash}
   * (none when null); the future holds how many were revoked.
   */
  public Future<Integer> revokeNamed(String name, String createdBy, byte[] keepHash) {
    Tuple args = Tuple.of(name, createdBy, keepHash == null ? null : Buffer.buffer(keepHash));
    return pool.preparedQuery(REVOKE_NAMED).execute(args).map(rows -> rows.size());
  }

  /** Every token, revoked and expired ones included, oldest first. */
  public Future<List<StoredToken>> list() {
    return pool.query(LIST).execute().map(rows -> {
      List<StoredToken> tokens = new ArrayList<>();
      rows.forEach(row -> tokens.add(StoredToken.of(row)));
      return tokens;
    });
  }

  /** Revokes a token (once: revoking again keeps the first time); empty when there is no such token. */
  public Future<Optional<StoredToken>> revoke(long id) {
    return pool.preparedQuery(REVOKE).execute(Tuple.of(id)).map(rows ->
        rows.size() == 0 ? Optional.empty() : Optional.of(StoredToken.of(rows.iterator().next())));
  }

  /** The tokens in force now, with their hashes. */
  public Future<List<Active>> active() {
    return pool.query(ACTIVE).execute().map(rows -> {
      List<Active> tokens = new ArrayList<>();
      for (Row row : rows) {
        tokens.add(new Active(row.getBuffer("hash").getBytes(), StoredToken.of(row)));
      }
      return tokens;
    });
  }

  /** Whether a token in force has this hash (one look-up by the unique index). */
  public Future<Boolean> inForce(byte[] hash) {
    return pool.preparedQuery(IN_FORCE).execute(Tuple.of(Buffer.buffer(hash))).map(rows -> rows.size() > 0);
  }

  /** The hashes of the tokens in force that carry this scope. */
  public Future<List<byte[]>> hashes(String scope) {
    return pool.preparedQuery(WITH_SCOPE).execute(Tuple.of(scope)).map(rows -> {
      List<byte[]> hashes = new ArrayList<>();
      rows.forEach(row -> hashes.add(row.getBuffer("hash").getBytes()));
      return hashes;
    });
  }

  /** Records when tokens were last used, many in one statement (never one write per request). */
  public Future<Void> touch(Map<Long, Instant> lastUsed) {
    if (lastUsed.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] ids = new Long[lastUsed.size()];
    OffsetDateTime[] ats = new OffsetDateTime[lastUsed.size()];
    int i = 0;
    for (Map.Entry<Long, Instant> e : lastUsed.entrySet()) {
      ids[i] = e.getKey();
      ats[i++] = utc(e.getValue());
    }
    return pool.preparedQuery(TOUCH).execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfOffsetDateTime(ats)).mapEmpty();
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }
}

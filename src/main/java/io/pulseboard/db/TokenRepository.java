package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Hashes of API tokens; the tokens themselves are never stored. */
public final class TokenRepository {
  private static final String BY_ROLE = "SELECT hash FROM api_tokens WHERE role = $1 ORDER BY id";
  private static final String INSERT = "INSERT INTO api_tokens (role, hash) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING";

  private final Pool pool;

  public TokenRepository(Pool pool) {
    this.pool = pool;
  }

  /** The stored hashes of tokens with this role ({@code admin} or {@code read}). */
  public Future<List<byte[]>> hashes(String role) {
    return pool.preparedQuery(BY_ROLE).execute(Tuple.of(role)).map(rows -> {
      List<byte[]> hashes = new ArrayList<>();
      rows.forEach(row -> hashes.add(row.getBuffer("hash").getBytes()));
      return hashes;
    });
  }

  /** Stores the hash of a new token. */
  public Future<Void> add(String role, byte[] hash) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(role, Buffer.buffer(hash))).mapEmpty();
  }
}

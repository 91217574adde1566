package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes points. Every write transaction first takes one advisory lock, so seq values become
 * visible in the order they were taken: a reader of {@code seq > S} never sees a higher seq
 * before a lower one commits, on any instance. All points of a batch go in one statement.
 */
public final class PointRepository {
  /** The channel that writers notify after each write that changed something. */
  public static final String CHANNEL = "pulseboard_changes";
  /**
   * One call writes the batches of one or more requests in one transaction: lock, series,
   * revisions, points, the writing token and notify (migrations V019, V025, V026), and answers with the
   * changes it made ({@link WriteCall}).
   */
  private static final String WRITE_REQUESTS =
      "SELECT * FROM pulseboard_write_point_requests($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

  /** What one request of a group wrote: how many points changed, and its highest seq (the head when none). */
  record Written(int count, long seq) {}

  /** What one call of several requests wrote: each request's {@link Written}, in order, and the call's changes in seq order. */
  record Committed(List<Written> requests, List<Change> changes) {}

  private final Pool pool;

  public PointRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Writes a batch in one transaction and one round trip (the function call is a transaction of
   * its own); the future holds what was written.
   */
  public Future<WriteResult> write(Collection<PointInput> points) {
    return write(pool, points, null);
  }

  /**
   * Writes a batch as {@link #write(Collection)} does, recording the token that wrote it
   * ({@code null}: the server itself); the future holds what was written.
   */
  public Future<WriteResult> write(Collection<PointInput> points, Long tokenId) {
    return write(pool, points, tokenId);
  }

  /**
   * Writes a batch through this client: a pool or connection (a transaction of its own), or a
   * connection inside the caller's transaction. A point repeated in the batch counts once, its
   * last value winning; {@code tokenId} is the writing token ({@code null}: the server itself).
   * The future holds what was written.
   */
  public static Future<WriteResult> write(SqlClient client, Collection<PointInput> points, Long tokenId) {
    List<PointInput> unique = unique(points);
    return writeRequests(client, List.of(unique), Collections.singletonList(tokenId)).map(committed -> {
      Written written = committed.requests().get(0);
      return new WriteResult(points.size(), written.count(), unique.size() - written.count(), written.seq());
    });
  }

  /** The batch with each point once, where it first came, with its last value. */
  static List<PointInput> unique(Collection<PointInput> points) {
    return List.copyOf(byKey(points).values());
  }

  /** The batch with each point once, by {@linkplain PointInput#key key}, where it first came, with its last value. */
  static Map<PointInput.Key, PointInput> byKey(Collection<PointInput> points) {
    Map<PointInput.Key, PointInput> unique = new LinkedHashMap<>();
    points.forEach(p -> unique.put(p.key(), p));
    return unique;
  }

  /**
   * Writes the batches of several requests, each with its points once and none in two of them,
   * in one call and one transaction; {@code writers} are their tokens. The future holds what each
   * wrote, in order, and the changes.
   */
  static Future<Committed> writeRequests(SqlClient client, List<List<PointInput>> batches, List<Long> writers) {
    WriteCall call = new WriteCall(batches, writers);
    return client.preparedQuery(WRITE_REQUESTS).execute(call.arguments()).map(rows -> {
      Row answer = rows.iterator().next();
      return new Committed(call.written(answer), call.changes(answer));
    });
  }
}

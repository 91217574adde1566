package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
  /** One call writes a batch: lock, series, revisions, points, the writing token and notify (migrations V009, V019). */
  private static final String WRITE = "SELECT written, seq FROM pulseboard_write_points($1, $2, $3, $4, $5, $6)";
  /**
   * One call writes the batches of several requests in one transaction (migration V019), and
   * answers with the changes it made (V024).
   */
  private static final String WRITE_REQUESTS = "SELECT * FROM pulseboard_write_point_requests($1, $2, $3, $4, $5, $6, $7)";

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
    return client.preparedQuery(WRITE).execute(columns(unique).addLong(tokenId))
        .map(rows -> {
          Row row = rows.iterator().next();
          int written = row.getInteger("written");
          return new WriteResult(points.size(), written, unique.size() - written, row.getLong("seq"));
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
    List<PointInput> all = new ArrayList<>();
    int n = batches.stream().mapToInt(List::size).sum();
    Long[] tokens = new Long[n];
    Integer[] requests = new Integer[n];
    for (int r = 0; r < batches.size(); r++) {
      for (PointInput p : batches.get(r)) {
        tokens[all.size()] = writers.get(r);
        requests[all.size()] = r;
        all.add(p);
      }
    }
    return client.preparedQuery(WRITE_REQUESTS).execute(columns(all).addArrayOfLong(tokens).addArrayOfInteger(requests))
        .map(rows -> {
          Row row = rows.iterator().next();
          Integer[] counts = row.getArrayOfIntegers("written_counts");
          Long[] seqs = row.getArrayOfLongs("top_seqs");
          List<Written> written = new ArrayList<>();
          for (int r = 0; r < batches.size(); r++) {
            written.add(new Written(counts[r], seqs[r]));
          }
          return new Committed(written, ChangeRepository.written(row));
        });
  }

  private static Tuple columns(Collection<PointInput> points) {
    int n = points.size();
    String[] metrics = new String[n];
    String[] labels = new String[n];
    OffsetDateTime[] ts = new OffsetDateTime[n];
    Double[] values = new Double[n];
    String[] sources = new String[n];
    // A batch holds few label sets: each is encoded once.
    Map<Map<String, String>, String> texts = new HashMap<>();
    int i = 0;
    for (PointInput p : points) {
      metrics[i] = p.metric();
      labels[i] = texts.computeIfAbsent(p.labels(), PointInput::labelsJson);
      ts[i] = p.ts();
      values[i] = p.value();
      sources[i] = p.source();
      i++;
    }
    return Tuple.of(metrics, labels, ts, values, sources);
  }
}

package io.pulseboard.http;

import io.pulseboard.db.Metric;
import io.pulseboard.db.MetricRepository;
import io.pulseboard.db.PointInput;
import io.pulseboard.db.PointRepository;
import io.pulseboard.db.WriteResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * One CSV import, run on a worker thread: reads rows, checks each, and writes them in chunks of
 * {@value #CHUNK_ROWS} in one transaction. The first chunk takes the writers' lock (in
 * {@code pulseboard_write_points}), which is held until the commit: other writers wait for the
 * import. One chunk is written while the next is read. After the first bad row nothing more is
 * written, but reading goes on to list up to {@value #MAX_ERRORS} faults; then the transaction
 * is rolled back.
 */
final class CsvImportRun {
  static final int CHUNK_ROWS = 5_000;
  private static final int MAX_ERRORS = 100;

  private final Pool pool;
  private final Predicate<String> mayWrite;
  private final Map<String, Metric> metrics = new HashMap<>();
  private final Problem invalid = Problem.invalid("some rows are invalid; nothing was written");
  private final Long tokenId;
  /** The refusal of metrics the token may not write, naming the first one's scope; null while none. */
  private Problem forbidden;
  private SqlConnection connection;
  private List<PointInput> chunk = new ArrayList<>();
  private Future<WriteResult> pending = Future.succeededFuture(new WriteResult(0, 0, 0, 0));
  private int written;
  private int unchanged;
  private long seq;

  /** @param tokenId the writing token, recorded with every value (the audit) */
  CsvImportRun(Pool pool, Predicate<String> mayWrite, Long tokenId) {
    this.pool = pool;
    this.mayWrite = mayWrite;
    this.tokenId = tokenId;
  }

  /** Imports the body; the result as the response holds it, or a {@link Problem} thrown. */
  JsonObject run(InputStream body) throws Exception {
    try (CsvRecords records = CsvRecords.of(body)) {
      CsvRecords.Record header = records.next(Integer.MAX_VALUE, 0);
      if (header == null) {
        throw Problem.malformed("the CSV is empty: send a header row (metric,ts,value,...) and at least one row");
      }
      CsvColumns columns = CsvColumns.of(header.cells(), header.cellCount());
      connection = await(pool.getConnection());
      Transaction tx = await(connection.begin());
      try {
        long rows = read(records, columns);
        if (hasErrors()) {
          throw forbidden != null ? forbidden : invalid;
        }
        flush();
        add(await(pending));
        await(tx.commit());
        return new JsonObject().put("rows", rows).put("accepted", rows).put("written", written)
            .put("unchanged", unchanged).put("seq", seq);
      } catch (Exception e) {
        pending.transform(done -> tx.rollback()).toCompletionStage().toCompletableFuture().handle((v, t) -> v).get();
        throw e;
      }
    } finally {
      if (connection != null) {
        connection.close();
      }
    }
  }

  private long read(CsvRecords records, CsvColumns columns) throws Exception {
    long row = 0;
    CsvRecords.Record record;
    while (invalid.errorCount() < MAX_ERRORS && (record = records.next(columns.count(), row + 1)) != null) {
      row++;
      if (row > CsvImport.MAX_ROWS) {
        throw new Problem(413, "too-large", "Content too large",
            "the CSV has more than " + CsvImport.MAX_ROWS + " rows; split it; nothing was written");
      }
      String at = "/rows/" + row;
      if (record.cellCount() != columns.count()) {
        invalid.error(at, "row " + row + " has " + record.cellCount() + " cells; the header has " + columns.count());
        continue;
      }
      JsonObject item = columns.item(record.cells());
      allow(item.getValue("metric"), at);
      PointInput point = PointItem.checkRow(item, at, metrics, invalid);
      if (point != null && !hasErrors()) {
        chunk.add(point);
        if (chunk.size() == CHUNK_ROWS) {
          flush();
        }
      }
    }
    if (row == 0) {
      invalid.error("/rows/1", "no rows after the header");
    }
    return row;
  }

  /** Looks a metric up the first time a row names it, and asks whether it may be written. */
  private void allow(Object id, String at) throws Exception {
    if (!(id instanceof String metric) || metrics.containsKey(metric) || !Metric.ID.matcher(metric).matches()) {
      return;
    }
    Metric found = await(MetricRepository.byIds(connection, List.of(metric))).get(metric);
    metrics.put(metric, found);
    if (found != null && !mayWrite.test(metric)) {
      if (forbidden == null) {
        forbidden = Problem.forbidden("write:" + metric, "this token may not write some of the metrics (first: '"
            + metric + "', which needs the scope write:" + metric + "); nothing was written");
      }
      forbidden.error(at + "/metric", "this token may not write " + metric);
    }
  }

  private boolean hasErrors() {
    return invalid.hasErrors() || forbidden != null;
  }

  /** Waits for the chunk in flight, then sends this one. */
  private void flush() throws Exception {
    add(await(pending));
    List<PointInput> sending = chunk;
    chunk = new ArrayList<>(CHUNK_ROWS);
    pending = sending.isEmpty() ? Future.succeededFuture(new WriteResult(0, 0, 0, 0))
        : PointRepository.write(connection, sending, tokenId);
  }

  private void add(WriteResult result) {
    written += result.written();
    unchanged += result.unchanged();
    seq = Math.max(seq, result.seq());
  }

  /** The future's value, waiting on this worker thread; its failure rethrown as it is. */
  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}

package io.pulseboard.seed;

import io.pulseboard.db.AnnotationRepository;
import io.pulseboard.db.Board;
import io.pulseboard.db.BoardPrecondition;
import io.pulseboard.db.BoardRepository;
import io.pulseboard.db.Metric;
import io.pulseboard.db.MetricRepository;
import io.pulseboard.db.PointRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the report's facts once, into an empty database. The {@code seeded} setting is claimed
 * in the same transaction, so neither a restart nor a second instance seeds again, and deleting
 * the seeded metrics later does not bring them back. The report's board is seeded the same way,
 * under a claim of its own ({@code seeded_board:korea-launch}), so a database seeded before
 * boards existed gets it once too; only while the metrics it shows exist and no board has its id.
 */
public final class Seeder {
  private static final Logger LOG = LoggerFactory.getLogger(Seeder.class);
  private static final String CLAIM = """
      INSERT INTO settings (key, value) SELECT 'seeded', now()::text
      WHERE NOT EXISTS (SELECT 1 FROM metrics)
      ON CONFLICT (key) DO NOTHING RETURNING key""";

  private static final String CLAIM_BOARD = """
      INSERT INTO settings (key, value) SELECT $1, now()::text
      WHERE (SELECT count(*) FROM metrics WHERE id = ANY($2)) = cardinality($2)
      ON CONFLICT (key) DO NOTHING RETURNING key""";

  private final Pool pool;

  public Seeder(Pool pool) {
    this.pool = pool;
  }

  /** Seeds if this database never was and has no metrics; the future holds whether it seeded. */
  public Future<Boolean> seedIfEmpty() {
    return pool.withTransaction(conn -> conn.query("LOCK TABLE settings IN EXCLUSIVE MODE").execute()
        .compose(v -> conn.query(CLAIM).execute())
        .compose(claimed -> claimed.rowCount() == 0 ? Future.succeededFuture(false) : seed(conn).map(true)))
        .onSuccess(seeded -> {
          if (seeded) {
            LOG.info("Seeded the report's facts: {} metrics, {} points, {} annotations",
                ReportFacts.metrics().size(), ReportFacts.points().size(), ReportFacts.annotations().size());
          }
        });
  }

  /**
   * Seeds the report's board if it never was and its metrics exist; the future holds whether it
   * seeded. A board saved under its id before is left alone.
   */
  public Future<Boolean> seedBoardOnce() {
    Board board = ReportBoard.board();
    Tuple claim = Tuple.of("seeded_board:" + board.id(), (Object) board.metricIds().toArray(String[]::new));
    return pool.withTransaction(conn -> conn.query("LOCK TABLE settings IN EXCLUSIVE MODE").execute()
        .compose(v -> conn.preparedQuery(CLAIM_BOARD).execute(claim))
        .compose(claimed -> claimed.rowCount() == 0 ? Future.succeededFuture(false)
            : BoardRepository.save(conn, board, BoardPrecondition.ABSENT, null).map(saved -> saved.board() != null)))
        .onSuccess(seeded -> {
          if (seeded) {
            LOG.info("Seeded the report's board '{}'", board.id());
          }
        });
  }

  private static Future<Void> seed(SqlConnection conn) {
    Future<?> chain = Future.succeededFuture();
    for (Metric m : ReportFacts.metrics()) {
      chain = chain.compose(v -> MetricRepository.upsert(conn, m));
    }
    for (var a : ReportFacts.annotations()) {
      chain = chain.compose(v -> AnnotationRepository.add(conn, a));
    }
    return chain.compose(v -> PointRepository.write(conn, ReportFacts.points(), null)).mapEmpty();
  }
}

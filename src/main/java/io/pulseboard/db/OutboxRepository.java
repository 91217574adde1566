package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The notifications outbox ({@code notifications}, {@code V014}) and its attempt log
 * ({@code notification_attempts}, {@code V016}). All delivery state lives in these rows, so any
 * instance may carry on where another stopped.
 */
public final class OutboxRepository {
  /**
   * Due notifications, oldest first, that are the oldest pending of their channel, rule and series
   * (a later transition waits until the earlier is delivered or given up; both checks read the
   * partial indexes of {@code V017}), locked without waiting for rows
   * another instance is claiming, then leased: {@code next_attempt_at} moves past the longest an
   * attempt can take, so no other instance claims them meanwhile, and a crashed instance's claims
   * come due again once the lease ends.
   */
  private static final String CLAIM = """
      WITH due AS (
        SELECT n.id FROM notifications n
        WHERE n.status = 'pending' AND n.next_attempt_at <= now()
          AND NOT EXISTS (SELECT 1 FROM notifications e
            WHERE e.channel_id = n.channel_id AND e.rule_id = n.rule_id AND e.series_key = n.series_key
              AND e.status = 'pending' AND e.transition_seq < n.transition_seq)
        ORDER BY n.id
        LIMIT $1
        FOR UPDATE OF n SKIP LOCKED)
      UPDATE notifications n SET attempts = n.attempts + 1, next_attempt_at = now() + $2::bigint * interval '1 millisecond'
      FROM due, channels c
      WHERE n.id = due.id AND c.id = n.channel_id
      RETURNING n.id, n.channel_id, n.attempts, n.created_at, n.body, c.url, c.format, c.secret""";
  /** Records an attempt, unless the notification was claimed again since (its lease ran out) or deleted. */
  private static final String RECORD = """
      WITH n AS (
        UPDATE notifications SET status = $3::text, last_attempt_at = $4, last_status = $5, last_error = $6,
          delivered_at = CASE WHEN $3::text = 'delivered' THEN now() END,
          next_attempt_at = coalesce($7::timestamptz, next_attempt_at)
        WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id)
      INSERT INTO notification_attempts (notification_id, attempt, started_at, outcome, status_code, error, duration_ms)
      SELECT id, $2, $4, $8, $5, $6, $9 FROM n""";
  private static final String LIST = "SELECT " + NotificationEntry.COLUMNS + " FROM notifications"
      + " WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR channel_id = $2)"
      + " AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4";
  private static final String GET = "SELECT " + NotificationEntry.COLUMNS + " FROM notifications WHERE id = $1";
  private static final String ATTEMPTS = "SELECT " + DeliveryAttempt.COLUMNS
      + " FROM notification_attempts WHERE notification_id = $1 ORDER BY attempt";

  /** What became of an attempt: the notification's new status, and when to try again while pending. */
  public record Result(DeliveryAttempt attempt, String status, Instant nextAttemptAt) {}

  private final Pool pool;

  public OutboxRepository(Pool pool) {
    this.pool = pool;
  }

  /** Claims up to {@code limit} due notifications for {@code lease}; the future holds them, oldest first. */
  public Future<List<PendingNotification>> claim(int limit, Duration lease) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, lease.toMillis()))
        .map(rows -> stream(rows).map(PendingNotification::of).toList());
  }

  /** Records an attempt's outcome; the future holds whether it was still this attempt's to record. */
  public Future<Boolean> record(long id, Result result) {
    DeliveryAttempt a = result.attempt();
    Tuple args = Tuple.tuple().addLong(id).addInteger(a.attempt()).addString(result.status())
        .addOffsetDateTime(utc(a.startedAt())).addInteger(a.statusCode()).addString(a.error())
        .addOffsetDateTime(utc(result.nextAttemptAt())).addString(a.outcome()).addInteger((int) a.durationMs());
    return pool.preparedQuery(RECORD).execute(args).map(rows -> rows.rowCount() == 1);
  }

  /** The delivery log, newest first: at most {@code limit} entries with ids below {@code before} (if set). */
  public Future<List<NotificationEntry>> list(String status, Long channel, Long before, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.of(status, channel, before, limit))
        .map(rows -> stream(rows).map(NotificationEntry::of).toList());
  }

  /** One notification of the log, if it exists. */
  public Future<Optional<NotificationEntry>> get(long id) {
    return pool.preparedQuery(GET).execute(Tuple.of(id))
        .map(rows -> stream(rows).map(NotificationEntry::of).findFirst());
  }

  /** Every recorded attempt of a notification, first first. */
  public Future<List<DeliveryAttempt>> attempts(long id) {
    return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(id))
        .map(rows -> stream(rows).map(DeliveryAttempt::of).toList());
  }

  private static java.util.stream.Stream<Row> stream(RowSet<Row> rows) {
    return StreamSupport.stream(rows.spliterator(), false);
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }
}

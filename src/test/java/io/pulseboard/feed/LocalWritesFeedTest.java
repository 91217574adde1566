package io.pulseboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.TestDatabase;
import io.pulseboard.db.Change;
import io.pulseboard.db.ChangeRepository;
import io.pulseboard.db.Database;
import io.pulseboard.db.GroupCommit;
import io.pulseboard.db.LocalWrites;
import io.pulseboard.db.Migrations;
import io.pulseboard.db.Notifications;
import io.pulseboard.db.PointInput;
import io.pulseboard.db.WriteResult;
import io.pulseboard.fault.Eventually;
import io.pulseboard.seed.Seeder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change feed with this instance's own writes (migration V024): a write's changes are
 * published from its answer, with no read; a notification that comes while this instance writes
 * waits for the writes then at the database, and then reads what they did not bring; a write that
 * fails ends the wait, and one that hangs holds it for {@link ChangeFeedVerticle#WRITES_WAIT_LIMIT_MS}
 * at most. Nothing is skipped or published twice. The feed's safety poll is made rare here, so that
 * only what is tested can publish.
 */
class LocalWritesFeedTest {
  /** The writers' lock the write function takes (MetricRepository.WRITERS_LOCK_KEY). */
  private static final long WRITERS_LOCK = 0x70756c73_65000002L;
  /** More changes than a notification carries: it sends the top seq alone. */
  private static final int MANY = 40;
  /** A wait for this instance's writes no test here reaches. */
  private static final long LONG_WAIT_MS = 60_000;

  private Vertx vertx;
  private String db;
  private Pool pool;
  private ChangeRepository stored;
  private GroupCommit writes;
  private Published published;
  private LocalWrites local;
  private PgConnectOptions options;
  private int minute;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    db = TestDatabase.create();
    options = Database.connectOptions(db);
    pool = Database.pool(vertx, options);
    Migrations.fromClasspath(pool).migrate().await();
    new Seeder(pool).seedIfEmpty().await();
    local = new LocalWrites();
    writes = new GroupCommit(pool, local);
    stored = new ChangeRepository(pool);
    published = Published.listen(vertx);
  }

  /**
   * Starts the feed, which waits for this instance's writes {@code writesWaitLimitMs} at most: the
   * tests that do not test that limit make it long, so that a slow machine cannot reach it.
   */
  private void startFeed(long writesWaitLimitMs) throws Exception {
    vertx.deployVerticle(new ChangeFeedVerticle(pool, new Notifications(vertx, options), published.meters(),
        new FeedBacklog(FeedBacklog.LIMIT), local, 600_000, writesWaitLimitMs)).await();
    // The feed reads once as it starts listening; a first write published means that read is over.
    long seq = writes.write(points("first", 1), null).await().seq();
    assertThat(published.collect(1)).extracting(Change::seq).containsExactly(seq);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void many_changes_are_published_from_the_write_answer_without_a_read() throws Exception {
    startFeed(LONG_WAIT_MS);
    double read = published.batches("read");
    double written = published.batches("write");
    long before = stored.head().await();
    WriteResult result = writes.write(points("local", MANY), null).await();
    ChangeBatch batch = published.poll(10_000);
    assertThat(batch).isNotNull();
    assertThat(batch.items()).isEqualTo(stored.since(before, 1000).await());
    assertThat(batch.seq()).isEqualTo(result.seq());
    assertThat(published.batches("write")).isEqualTo(written + 1);
    assertThat(published.batches("read")).isEqualTo(read);
    assertThat(published.poll(200)).isNull();
  }

  @Test
  void a_notification_during_a_local_write_waits_for_it_and_nothing_is_skipped() throws Exception {
    startFeed(LONG_WAIT_MS);
    double read = published.batches("read");
    double written = published.batches("write");
    long before = stored.head().await();
    Future<WriteResult> local = whileNotifiedElsewhere(() -> writes.write(points("local", MANY), null), () -> {});
    local.await();
    List<Change> changes = published.collect(2 * MANY);
    assertThat(changes).isEqualTo(stored.since(before, 1000).await());
    assertThat(changes).extracting(Change::source).containsSubsequence("elsewhere", "local");
    // The local answer did not follow what the feed had published: one read took both commits.
    assertThat(published.batches("read")).isEqualTo(read + 1);
    assertThat(published.batches("write")).isEqualTo(written);
  }

  @Test
  void a_local_write_that_fails_ends_the_wait() throws Exception {
    startFeed(LONG_WAIT_MS);
    long before = stored.head().await();
    // Not known to the database: refused once it has the lock.
    Future<WriteResult> refused = whileNotifiedElsewhere(() -> writes.write(List.of(new PointInput("no_such_metric",
        Map.of("region", "refused"), OffsetDateTime.parse("2033-01-01T00:00:00Z"), 1, null)), null), () -> {});
    assertThat(refused.toCompletionStage().toCompletableFuture().handle((r, e) -> e).get(30, TimeUnit.SECONDS))
        .isNotNull();
    assertThat(published.collect(MANY)).isEqualTo(stored.since(before, 1000).await());
  }

  @Test
  void a_local_write_that_hangs_holds_a_notification_back_for_the_limit_at_most() throws Exception {
    startFeed(ChangeFeedVerticle.WRITES_WAIT_LIMIT_MS);
    long before = stored.head().await();
    List<Change> elsewhere = new ArrayList<>();
    Future<WriteResult> local = whileNotifiedElsewhere(() -> writes.write(points("local", MANY), null), () -> {
      long start = System.nanoTime();
      elsewhere.addAll(published.collect(MANY));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("waited for the local write")
          .isGreaterThanOrEqualTo(ChangeFeedVerticle.WRITES_WAIT_LIMIT_MS / 2);
    });
    assertThat(elsewhere).isEqualTo(stored.since(before, 1000).await().subList(0, MANY));
    assertThat(elsewhere).extracting(Change::source).containsOnly("elsewhere");
    local.await();
    assertThat(published.collect(MANY)).extracting(Change::source).containsOnly("local");
  }

  /** Something a test does while the feed waits. */
  private interface WhileWaiting {
    void run() throws Exception;
  }

  /**
   * Starts a local write while another connection commits {@link #MANY} points, and shows that the
   * feed, notified of them while the local write is at the database, publishes nothing yet. The
   * other connection writes holding the writers' lock; a third waits for the lock, and the local
   * write after it, so the local write stays at the database after the other commit; then the
   * test does {@code duringWait}, and the third lets go. The local write's answer.
   */
  private Future<WriteResult> whileNotifiedElsewhere(Supplier<Future<WriteResult>> localWrite,
      WhileWaiting duringWait) throws Exception {
    try (Connection other = TestDatabase.connect(db); Connection third = TestDatabase.connect(db)) {
      other.setAutoCommit(false);
      third.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + WRITERS_LOCK + ")");
        s.execute("SELECT written FROM pulseboard_write_points(array_fill('weekly_users'::text, ARRAY[" + MANY + "]),"
            + " array_fill('{\"region\": \"elsewhere\"}'::text, ARRAY[" + MANY + "]),"
            + " (SELECT array_agg(timestamptz '2033-01-01T00:00:00Z' + i * interval '1 minute')"
            + " FROM generate_series(1, " + MANY + ") i),"
            + " array_fill(1::float8, ARRAY[" + MANY + "]), array_fill('elsewhere'::text, ARRAY[" + MANY + "]), NULL)");
      }
      CompletableFuture<Void> thirdHasTheLock = CompletableFuture.runAsync(() -> {
        try (Statement s = third.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(" + WRITERS_LOCK + ")");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      awaitLockWaiters(1);
      Future<WriteResult> local = localWrite.get();
      awaitLockWaiters(2);
      other.commit();
      thirdHasTheLock.get(10, TimeUnit.SECONDS);
      Eventually.await("the other commit notified", 10, 10, () -> published.registry().get("pulseboard.feed.lag").gauge().value() > 0);
      assertThat(published.poll(300)).as("published while the local write is at the database")
          .isNull();
      duringWait.run();
      third.rollback();
      return local;
    }
  }

  /** Waits until {@code count} backends wait for an advisory lock (the writers' lock). */
  private void awaitLockWaiters(int count) throws Exception {
    Eventually.await(count + " waiting for the writers' lock", 10, 10,
        () -> TestDatabase.queryLong(db, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'") >= count);
  }

  private List<PointInput> points(String source, int count) {
    List<PointInput> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      points.add(new PointInput("weekly_users", Map.of("region", "local"),
          OffsetDateTime.ofInstant(Instant.parse("2034-01-01T00:00:00Z").plusSeconds(60L * minute++), ZoneOffset.UTC),
          i, source));
    }
    return points;
  }
}

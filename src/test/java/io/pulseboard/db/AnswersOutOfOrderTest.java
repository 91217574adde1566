package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.TestDatabase;
import io.pulseboard.feed.ChangeFeedVerticle;
import io.pulseboard.feed.FeedBacklog;
import io.pulseboard.feed.Published;
import io.pulseboard.seed.Seeder;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two of this instance's writes commit one after the other, and the later one's answer reaches the
 * change feed first (their answers come from different event loops): the feed keeps the later
 * changes until the earlier ones come and publishes both in seq order from the answers, with no
 * read. When the earlier write ends without changes (it failed), the feed reads what is missing
 * instead; nothing is skipped or published twice. The writes' answers are handed to the feed here
 * by hand, in the order each test needs.
 */
class AnswersOutOfOrderTest {
  /** More changes than a notification carries: it sends the top seq alone. */
  private static final int MANY = 40;

  private Vertx vertx;
  private Pool pool;
  private ChangeRepository stored;
  private LocalWrites local;
  private Published published;
  private int minute;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    String db = TestDatabase.create();
    PgConnectOptions options = Database.connectOptions(db);
    pool = Database.pool(vertx, options);
    Migrations.fromClasspath(pool).migrate().await();
    new Seeder(pool).seedIfEmpty().await();
    local = new LocalWrites();
    stored = new ChangeRepository(pool);
    published = Published.listen(vertx);
    vertx.deployVerticle(new ChangeFeedVerticle(pool, new Notifications(vertx, options), published.meters(),
        new FeedBacklog(FeedBacklog.LIMIT), local, 600_000, 60_000)).await();
    // The safety poll is made rare, so that only what is tested publishes, and the wait for this
    // instance's writes long, so that a slow machine cannot end it before the test does. The feed
    // reads once as it starts listening; a first write published means that read is over.
    long seq = new GroupCommit(pool, local).write(points("first", 1), null).await().seq();
    assertThat(published.collect(1)).extracting(Change::seq).containsExactly(seq);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void a_later_answer_that_comes_first_waits_for_the_earlier_one_and_neither_is_read() throws Exception {
    double read = published.batches("read");
    double written = published.batches("write");
    long before = stored.head().await();
    long first = local.begin();
    long second = local.begin();
    List<Change> earlier = write("earlier");
    List<Change> later = write("later");
    local.end(second, later);
    assertThat(published.poll(300)).as("published before the earlier answer").isNull();
    local.end(first, earlier);
    List<Change> changes = published.collect(2 * MANY);
    assertThat(changes).isEqualTo(stored.since(before, 1000).await());
    assertThat(changes).extracting(Change::source).containsSubsequence("earlier", "later");
    assertThat(published.batches("write")).isEqualTo(written + 2);
    assertThat(published.batches("read")).isEqualTo(read);
    assertThat(published.poll(300)).as("published twice").isNull();
  }

  @Test
  void a_gap_no_answer_fills_is_read_once_the_writes_before_have_ended() throws Exception {
    double read = published.batches("read");
    long before = stored.head().await();
    long failed = local.begin();
    long second = local.begin();
    // Changes committed elsewhere (another instance, say) leave a gap under the later answer.
    List<Change> elsewhere = write("elsewhere");
    List<Change> later = write("later");
    local.end(second, later);
    assertThat(published.poll(300)).as("published with a gap before it").isNull();
    local.end(failed, List.of());
    List<Change> changes = published.collect(2 * MANY);
    assertThat(changes).isEqualTo(stored.since(before, 1000).await());
    assertThat(changes).extracting(Change::source).containsSubsequence("elsewhere", "later");
    assertThat(elsewhere).isEqualTo(changes.subList(0, MANY));
    assertThat(published.batches("read")).isGreaterThan(read);
    assertThat(published.poll(300)).as("published twice").isNull();
  }

  /** Commits {@link #MANY} new points from this source in one call; the changes it answers with. */
  private List<Change> write(String source) {
    return PointRepository.writeRequests(pool, List.of(points(source, MANY)), Collections.singletonList(null))
        .await().changes();
  }

  private List<PointInput> points(String source, int count) {
    List<PointInput> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      points.add(new PointInput("weekly_users", Map.of("region", "order"),
          OffsetDateTime.ofInstant(Instant.parse("2035-01-01T00:00:00Z").plusSeconds(60L * minute++), ZoneOffset.UTC),
          i, source));
    }
    return points;
  }
}

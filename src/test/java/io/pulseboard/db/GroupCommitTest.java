package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent writes committed together: each request is answered with its own counts and seq
 * once its points are stored, a request the database refuses fails alone, and two requests for
 * the same point are written one after the other, in the order they came.
 */
class GroupCommitTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private static final AtomicLong TS = new AtomicLong();

  private static PointInput point(String region, long second, double value) {
    return new PointInput("weekly_users", Map.of("region", region),
        OffsetDateTime.ofInstant(Instant.parse("2031-01-01T00:00:00Z").plusSeconds(second), ZoneOffset.UTC), value, null);
  }

  private static WriteResult await(Future<WriteResult> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String stored(PointInput p) {
    return TestDatabase.queryString(running.db(), "SELECT p.value || '/' || p.seq FROM points p JOIN series s ON s.id = p.series_id"
        + " WHERE s.metric_id = '" + p.metric() + "' AND s.labels ->> 'region' = '" + p.labels().get("region")
        + "' AND p.ts = '" + p.ts() + "'");
  }

  @Test
  void concurrent_requests_share_transactions_and_each_gets_its_own_seq() throws Exception {
    GroupCommit writes = new GroupCommit(running.app().pool());
    List<PointInput> points = new ArrayList<>();
    List<Future<WriteResult>> answers = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      PointInput p = point("group", TS.incrementAndGet(), i);
      points.add(p);
      answers.add(writes.write(List.of(p), 1L));
    }
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      WriteResult r = await(answers.get(i));
      assertThat(r.accepted()).isEqualTo(1);
      assertThat(r.written()).isEqualTo(1);
      assertThat(r.unchanged()).isZero();
      assertThat(stored(points.get(i))).as("stored with the seq its request was told").isEqualTo(i + "/" + r.seq());
      seqs.add(r.seq());
    }
    assertThat(seqs).doesNotHaveDuplicates();
    long transactions = TestDatabase.queryLong(running.db(), "SELECT count(DISTINCT p.xmin::text) FROM points p"
        + " JOIN series s ON s.id = p.series_id WHERE s.labels ->> 'region' = 'group'");
    assertThat(transactions).as("60 requests in fewer transactions").isLessThan(60);
  }

  @Test
  void a_request_the_database_refuses_fails_alone_and_writes_nothing() throws Exception {
    GroupCommit writes = new GroupCommit(running.app().pool());
    List<PointInput> points = new ArrayList<>();
    List<Future<WriteResult>> answers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      // Not known to the database: checked by the routes before a write, refused by it here.
      PointInput p = i == 15
          ? new PointInput("no_such_metric", Map.of("region", "refused"), point("x", 0, 0).ts(), 1, null)
          : point("neighbours", TS.incrementAndGet(), i);
      points.add(p);
      answers.add(writes.write(List.of(p, point("neighbours", TS.incrementAndGet(), -i)), null));
    }
    for (int i = 0; i < points.size(); i++) {
      Future<WriteResult> answer = answers.get(i);
      answer.toCompletionStage().toCompletableFuture().handle((r, e) -> null).get(30, TimeUnit.SECONDS);
      if (i == 15) {
        assertThat(answer.failed()).isTrue();
      } else {
        assertThat(answer.succeeded()).as("request %d", i).isTrue();
        assertThat(answer.result().written()).isEqualTo(2);
        assertThat(stored(points.get(i))).startsWith(i + "/");
      }
    }
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM series WHERE metric_id = 'no_such_metric'"))
        .isZero();
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM points p JOIN series s ON s.id = p.series_id"
        + " WHERE s.labels ->> 'region' = 'neighbours' AND p.value = -15")).as("the refused request's other point").isZero();
  }

  @Test
  void requests_for_the_same_point_are_written_in_the_order_they_came() throws Exception {
    GroupCommit writes = new GroupCommit(running.app().pool());
    long second = TS.incrementAndGet();
    List<Future<WriteResult>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(writes.write(List.of(point("order", second, i), point("order", TS.incrementAndGet(), i)), null));
    }
    long previous = 0;
    for (Future<WriteResult> answer : answers) {
      WriteResult r = await(answer);
      assertThat(r.written()).isEqualTo(2);
      assertThat(r.seq()).isGreaterThan(previous);
      previous = r.seq();
    }
    assertThat(stored(point("order", second, 0))).startsWith("19/");
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM point_revisions r JOIN series s"
        + " ON s.id = r.series_id WHERE s.labels ->> 'region' = 'order'")).as("19 replaced values kept").isEqualTo(19);
  }

  @Test
  void unchanged_points_in_a_group_are_counted_and_answered_with_the_head() throws Exception {
    GroupCommit writes = new GroupCommit(running.app().pool());
    PointInput kept = point("same", TS.incrementAndGet(), 7);
    await(writes.write(List.of(kept), null));
    List<Future<WriteResult>> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answers.add(writes.write(i % 2 == 0 ? List.of(kept, kept) : List.of(point("same", TS.incrementAndGet(), i)), null));
    }
    for (int i = 0; i < answers.size(); i++) {
      WriteResult r = await(answers.get(i));
      if (i % 2 == 0) {
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.written()).isZero();
        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(r.seq()).isPositive();
      } else {
        assertThat(r.written()).isEqualTo(1);
      }
    }
  }
}

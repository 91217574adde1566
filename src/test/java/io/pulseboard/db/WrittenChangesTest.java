package io.pulseboard.db;

import static io.pulseboard.db.ChangeAssertions.assertSameChanges;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A write answers with the changes it made (migrations V024, V025), and they are what the feed's read
 * gives: the same seqs in order, labels in their stored order, times to the microsecond, values to
 * the bit, sources and writers; for new points and corrections, few or many, in one request or
 * several. Through {@link GroupCommit}, {@link LocalWrites} hands each call's changes to its
 * listener on the listener's context, and nothing when the call failed.
 */
class WrittenChangesTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  @BeforeAll
  static void metricWithTwoLabels() {
    TestDatabase.execute(running.db(), "INSERT INTO metrics (id, name, unit, labels, cadence, display)"
        + " VALUES ('written_tiers', '{\"en\": \"Tiers\"}', 'users', '{region,tier}', 'P1D', 'number')");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static PointInput point(Map<String, String> labels, String ts, double value, String source) {
    return new PointInput("weekly_users", labels, OffsetDateTime.parse(ts), value, source);
  }

  private static Map<String, String> region(String region) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("region", region);
    return labels;
  }

  /** Writes the requests in one call, as a group commit does; its answer. */
  private static PointRepository.Committed write(List<List<PointInput>> requests, Long... writers) throws Exception {
    return await(PointRepository.writeRequests(running.app().pool(), requests, Arrays.asList(writers)));
  }

  private static List<Change> read(long after) {
    return ChangeAssertions.read(running.app().pool(), after);
  }

  private static long head() {
    return ChangeAssertions.head(running.db());
  }

  @Test
  void new_points_come_back_as_the_feed_reads_them() throws Exception {
    long before = head();
    Map<String, String> tiers = new LinkedHashMap<>();
    tiers.put("region", "서울");
    tiers.put("tier", "gold");
    List<PointInput> points = List.of(
        point(region("written-a"), "2032-05-06T07:08:09.123456Z", 0.1 + 0.2, "report \"Q1\"\nline two 🚀"),
        point(region("서울 \"quoted\" \\ back\u00adslash"), "2032-05-06T07:08:09+09:00", -0.0, ""),
        point(region("written-b"), "0999-01-01T00:00:00Z", Double.MAX_VALUE, "max"),
        point(region("written-c"), "9999-12-31T23:59:59.999999Z", Double.MIN_VALUE, "min"),
        point(region("written-d"), "2032-05-06T00:00:00.1234567Z", 1.7645e12, null),
        new PointInput("written_tiers", tiers, OffsetDateTime.parse("2032-05-06T00:00:00Z"), 3, "two labels"));
    PointRepository.Committed committed = write(List.of(points), 42L);
    List<Change> read = read(before);
    assertThat(read).hasSize(6);
    assertSameChanges(committed.changes(), read);
    assertThat(committed.changes()).allSatisfy(c -> assertThat(c.tokenId()).isEqualTo(42L));
    assertThat(committed.changes().get(0).ts()).isEqualTo(Instant.parse("2032-05-06T07:08:09.123456Z"));
    assertThat(committed.changes().get(5).labels().keySet()).as("jsonb's order: shorter keys first")
        .containsExactly("tier", "region");
    assertThat(committed.requests()).singleElement().isEqualTo(new PointRepository.Written(6, before + 6));
  }

  @Test
  void a_correction_comes_back_with_its_new_value_and_seq_and_an_unchanged_point_not_at_all() throws Exception {
    write(List.of(List.of(point(region("written-corrected"), "2032-06-01T00:00:00Z", 1, "first"))), (Long) null);
    long before = head();
    PointRepository.Committed corrected =
        write(List.of(List.of(point(region("written-corrected"), "2032-06-01T00:00:00Z", 2, null))), 7L);
    assertThat(corrected.changes()).singleElement().satisfies(c -> {
      assertThat(c.seq()).isEqualTo(before + 1);
      assertThat(c.value()).isEqualTo(2.0);
      assertThat(c.source()).as("the source kept when none is given").isEqualTo("first");
      assertThat(c.tokenId()).isEqualTo(7L);
    });
    assertSameChanges(corrected.changes(), read(before));

    PointRepository.Committed unchanged =
        write(List.of(List.of(point(region("written-corrected"), "2032-06-01T00:00:00Z", 2, null))), 7L);
    assertThat(unchanged.changes()).isEmpty();
    assertThat(unchanged.requests()).singleElement().isEqualTo(new PointRepository.Written(0, head()));
  }

  @Test
  void a_call_of_several_requests_comes_back_with_all_their_changes_in_seq_order() throws Exception {
    write(List.of(List.of(point(region("written-many"), "2032-07-01T00:00:00Z", 1, "old"))), (Long) null);
    long before = head();
    List<PointInput> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(point(region("written-many"), Instant.parse("2032-07-02T00:00:00Z").plusSeconds(i).toString(), i, "m"));
    }
    // The correction makes the call take the statement for points that may exist.
    List<PointInput> correction = List.of(point(region("written-many"), "2032-07-01T00:00:00Z", 2, "new"));
    List<PointInput> other = List.of(point(region("written-other"), "2032-07-01T00:00:00Z", 5, "o"));
    PointRepository.Committed committed = write(List.of(many, correction, other), 1L, 2L, null);
    List<Change> read = read(before);
    assertThat(read).hasSize(1002);
    assertSameChanges(committed.changes(), read);
    assertThat(committed.requests()).extracting(PointRepository.Written::count).containsExactly(1000, 1, 1);

    before = head();
    List<PointInput> appended = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      appended.add(point(region("written-many"), Instant.parse("2032-07-03T00:00:00Z").plusSeconds(i).toString(), i, "a"));
    }
    PointRepository.Committed plain =
        write(List.of(appended.subList(0, 400), List.of(), appended.subList(400, 1000)), 1L, 3L, 2L);
    assertSameChanges(plain.changes(), read(before));
    // Each request's count and top seq (a request without points: the call's top seq).
    assertThat(plain.requests()).containsExactly(new PointRepository.Written(400, before + 400),
        new PointRepository.Written(0, before + 1000), new PointRepository.Written(600, before + 1000));
    // New points take their seqs as one range: each once, the next call's after them.
    assertThat(plain.changes()).extracting(Change::seq)
        .isEqualTo(LongStream.rangeClosed(before + 1, before + 1000).boxed().toList());
    long next = write(List.of(List.of(point(region("written-many"), "2032-07-04T00:00:00Z", 1, "n"))), (Long) null)
        .changes().get(0).seq();
    assertThat(next).isEqualTo(before + 1001);
  }

  @Test
  void the_listener_gets_each_calls_changes_on_its_context_and_nothing_when_the_call_failed() throws Exception {
    LocalWrites local = new LocalWrites();
    Context context = running.app().vertx().getOrCreateContext();
    BlockingQueue<List<Change>> heard = new LinkedBlockingQueue<>();
    List<Boolean> onContext = new ArrayList<>();
    local.listen(context, changes -> {
      onContext.add(Vertx.currentContext() == context);
      heard.add(changes);
    });
    GroupCommit writes = new GroupCommit(running.app().pool(), local);

    long before = head();
    await(writes.write(List.of(point(region("written-heard"), "2032-08-01T00:00:00Z", 1, "h")), 9L));
    List<Change> changes = heard.poll(10, TimeUnit.SECONDS);
    assertSameChanges(changes, read(before));
    assertThat(local.atDatabaseUpTo(local.lastBegun())).isFalse();

    Future<WriteResult> refused = writes.write(List.of(new PointInput("no_such_metric", region("refused"),
        OffsetDateTime.parse("2032-08-01T00:00:00Z"), 1, null)), null);
    assertThat(refused.toCompletionStage().toCompletableFuture().handle((r, e) -> e).get(30, TimeUnit.SECONDS))
        .isNotNull();
    assertThat(heard.poll(10, TimeUnit.SECONDS)).as("a failed call").isEmpty();
    assertThat(local.atDatabaseUpTo(local.lastBegun())).isFalse();
    assertThat(onContext).containsOnly(true);
  }
}

package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A write takes one of two ways (migrations V022, V025): when no point of a series lies between
 * the first and last time of the call's points for it, a plain insert, else the correction path.
 * Calls that mix new series, new points, corrections, unchanged points and points before a
 * series' last one, in turn, store exactly what was sent, keep a revision of each corrected value,
 * give every changed point a new seq, and leave the daily and hourly totals equal to the points.
 */
class AppendOnlyWriteTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  private static PointInput point(String region, long minute, double value) {
    return new PointInput("weekly_users", Map.of("region", region),
        OffsetDateTime.ofInstant(Instant.parse("2032-01-01T00:00:00Z").plusSeconds(60 * minute), ZoneOffset.UTC),
        value, "test");
  }

  private static WriteResult write(PointInput... points) throws Exception {
    return new PointRepository(running.app().pool()).write(List.of(points)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static String stored(String region) {
    return TestDatabase.queryString(running.db(), "SELECT string_agg((extract(epoch FROM p.ts - '2032-01-01'::timestamptz) / 60)::int"
        + " || '=' || p.value, ' ' ORDER BY p.ts) FROM points p JOIN series s ON s.id = p.series_id"
        + " WHERE s.labels ->> 'region' = '" + region + "'");
  }

  private static long count(String sql) {
    return TestDatabase.queryLong(running.db(), sql);
  }

  @Test
  void new_points_corrections_and_points_before_the_last_are_stored_as_sent_either_way() throws Exception {
    long head = count("SELECT coalesce(max(seq), 0) FROM points");
    // Only new points, one new series: the insert.
    WriteResult first = write(point("append-a", 1, 1), point("append-a", 2, 2), point("append-a", 3, 3));
    assertThat(first.written()).isEqualTo(3);
    assertThat(first.seq()).isEqualTo(head + 3);
    // A correction, an unchanged point, a new point after the last, a new series: the correction path.
    WriteResult mixed = write(point("append-a", 2, 20), point("append-a", 3, 3), point("append-a", 4, 4),
        point("append-b", 1, 1));
    assertThat(mixed.written()).isEqualTo(3);
    assertThat(mixed.unchanged()).isEqualTo(1);
    // A point before a series' last one that does not exist yet: the correction path writes it.
    WriteResult before = write(point("append-a", 0, 0), point("append-b", 2, 2));
    assertThat(before.written()).isEqualTo(2);
    // Only new points again, for both series: the insert.
    WriteResult again = write(point("append-a", 5, 5), point("append-b", 3, 3));
    assertThat(again.written()).isEqualTo(2);
    assertThat(again.seq()).isEqualTo(head + 10);

    assertThat(stored("append-a")).isEqualTo("0=0 1=1 2=20 3=3 4=4 5=5");
    assertThat(stored("append-b")).isEqualTo("1=1 2=2 3=3");
    assertThat(TestDatabase.queryString(running.db(), "SELECT string_agg(r.value::text, ',') FROM point_revisions r"
        + " JOIN series s ON s.id = r.series_id WHERE s.labels ->> 'region' = 'append-a'")).isEqualTo("2");
    // Ten changes took ten seqs; the corrected point holds its new one, its revision the old.
    assertThat(count("SELECT count(DISTINCT seq) FROM points WHERE seq > " + head)).isEqualTo(9);
    assertThat(count("SELECT r.seq FROM point_revisions r JOIN series s ON s.id = r.series_id"
        + " WHERE s.labels ->> 'region' = 'append-a'")).isEqualTo(head + 2);
    assertTotalsMatchPoints("append-%", 2);
  }

  @Test
  void points_between_stored_ones_and_batches_committed_out_of_order_are_stored_as_sent() throws Exception {
    // A later batch first, then the one before it, then points in the gaps between stored points
    // (none stored within their times: the insert), then points around a stored one (the
    // correction path, which finds none of them stored).
    write(point("between", 10, 10), point("between", 11, 11));
    write(point("between", 5, 5), point("between", 6, 6));
    write(point("between", 7, 7), point("between", 8, 8), point("between", 9, 9));
    WriteResult around = write(point("between", 4, 4), point("between", 12, 12), point("between", 13, 13));
    assertThat(around.written()).isEqualTo(3);
    assertThat(stored("between")).isEqualTo("4=4 5=5 6=6 7=7 8=8 9=9 10=10 11=11 12=12 13=13");
    assertThat(count("SELECT count(*) FROM point_revisions r JOIN series s ON s.id = r.series_id"
        + " WHERE s.labels ->> 'region' = 'between'")).isZero();
    // Hours and days before 2000 and in the year 0000, where the totals' periods start on UTC
    // hours and days as everywhere else.
    write(new PointInput("weekly_users", Map.of("region", "between-old"),
            OffsetDateTime.parse("1999-12-31T23:59:59.999999Z"), 1, "test"),
        new PointInput("weekly_users", Map.of("region", "between-old"), OffsetDateTime.parse("0000-03-01T00:00:00Z"), 2,
            "test"),
        new PointInput("weekly_users", Map.of("region", "between-old"), OffsetDateTime.parse("0000-02-29T23:00:00Z"), -3,
            "test"));
    assertTotalsMatchPoints("between%", 4);
  }

  /** The daily and hourly totals of the series whose region is like {@code regions} equal their points' aggregates. */
  private static void assertTotalsMatchPoints(String regions, int days) {
    for (String totals : List.of("point_days", "point_hours")) {
      String period = totals.equals("point_days") ? "day" : "hour";
      assertThat(count("SELECT count(*) FROM " + totals + " t JOIN series s ON s.id = t.series_id"
          + " CROSS JOIN LATERAL (SELECT count(*)::int AS n, sum(p.value) AS total, min(p.value) AS lo,"
          + " max(p.value) AS hi, max(p.ts) AS last_ts, (array_agg(p.value ORDER BY p.ts DESC))[1] AS last_value,"
          + " max(p.seq) AS max_seq FROM points p"
          + " WHERE p.series_id = t.series_id AND date_trunc('" + period + "', p.ts, 'UTC') = t." + period + ") x"
          + " WHERE s.labels ->> 'region' LIKE '" + regions + "' AND (t.n, t.total, t.lo, t.hi, t.last_ts, t.last_value,"
          + " t.max_seq) IS DISTINCT FROM (x.n, x.total, x.lo, x.hi, x.last_ts, x.last_value, x.max_seq)")).as(totals)
          .isZero();
      assertThat(count("SELECT count(*) FROM points p JOIN series s ON s.id = p.series_id"
          + " WHERE s.labels ->> 'region' LIKE '" + regions + "' AND NOT EXISTS (SELECT 1 FROM " + totals + " t"
          + " WHERE t.series_id = p.series_id AND t." + period + " = date_trunc('" + period + "', p.ts, 'UTC'))"))
          .as("every point in its %s", period).isZero();
    }
    assertThat(count("SELECT count(*) FROM point_days t JOIN series s ON s.id = t.series_id"
        + " WHERE s.labels ->> 'region' LIKE '" + regions + "'")).as("days").isEqualTo(days);
  }
}

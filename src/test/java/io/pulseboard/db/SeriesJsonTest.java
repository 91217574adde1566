package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw history written straight from the rows is, byte for byte, the JSON of the series that
 * {@link HistoryRepository#history} builds from one object per point.
 */
class SeriesJsonTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  private static HistoryQuery query(Map<String, String> labels, String from, String to, int limit, String asOf) {
    return new HistoryQuery("weekly_users", from == null ? null : OffsetDateTime.parse(from),
        to == null ? null : OffsetDateTime.parse(to), labels, null, "last", limit, "UTC",
        asOf == null ? null : OffsetDateTime.parse(asOf));
  }

  @Test
  void raw_json_equals_the_encoded_series_byte_for_byte() {
    String db = running.db();
    for (String region : List.of("json-a", "json \\\"quoted\\\" é 😀", "json-b\\\\n")) {
      TestDatabase.execute(db, "INSERT INTO series (metric_id, labels) VALUES ('weekly_users', "
          + "jsonb_build_object('region', E'" + region.replace("'", "''") + "'))");
    }
    TestDatabase.execute(db, """
        INSERT INTO points (series_id, ts, value, source, seq)
        SELECT s.id, '2030-01-01T00:00:00Z'::timestamptz + k * interval '1 second' + interval '0.123456 second' * (k % 3),
               (ARRAY[0.1, -0.0, 1e300, -2.5e-7, 123456789.125, 42])[1 + k % 6], (ARRAY['', 'a "b"', 'ü\\n'])[1 + k % 3],
               nextval('change_seq')
        FROM series s, generate_series(0, 999) k WHERE s.labels->>'region' LIKE 'json%'""");
    TestDatabase.execute(db, "UPDATE points p SET value = value + 1 FROM series s"
        + " WHERE p.series_id = s.id AND s.labels->>'region' LIKE 'json%' AND p.ts < '2030-01-01T00:00:10Z'");
    HistoryRepository history = new HistoryRepository(running.app().pool());
    List<HistoryQuery> queries = List.of(
        query(Map.of(), null, null, 100_000, null),
        query(Map.of("region", "json-a"), "2030-01-01T00:00:05Z", "2030-01-01T00:05:00Z", 100_000, null),
        query(Map.of(), null, null, 1500, null),
        query(Map.of(), null, null, 100_000, "2030-01-01T00:00:00Z"),
        query(Map.of(), null, null, 100_000, "2999-01-01T00:00:00Z"),
        query(Map.of("region", "nowhere"), null, null, 100_000, null));
    // Both ways of a raw read: series one by one, and all in one sorted query.
    for (HistoryRepository raw : List.of(new HistoryRepository(running.app().pool(), 1000),
        new HistoryRepository(running.app().pool(), 0))) {
      for (HistoryQuery q : queries) {
        String expected = history.history(q).await().encode();
        assertThat(raw.rawJson(q).await().toString()).as(q.toString()).isEqualTo(expected);
      }
    }
    assertThat(history.history(queries.get(0)).await().size()).isGreaterThanOrEqualTo(3);
  }
}

package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The points of the {@link Batch#METRIC} metric as stored, read straight from the table, by batch marker. */
final class StoredPoints {
  private static final String POINTS = """
      SELECT p.source, extract(epoch FROM p.ts)::bigint AS epoch, p.value
      FROM points p JOIN series s ON s.id = p.series_id WHERE s.metric_id = '%s'""".formatted(Batch.METRIC);
  private static final String REVISIONS = """
      SELECT count(*) FROM point_revisions r JOIN series s ON s.id = r.series_id
      WHERE s.metric_id = '%s'""".formatted(Batch.METRIC);

  private final Map<String, Map<Long, Double>> byMarker = new HashMap<>();
  private final long revisions;
  private int total;

  private StoredPoints(String databaseUrl) throws SQLException {
    try (Connection c = TestDatabase.connect(databaseUrl); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(POINTS)) {
      while (rows.next()) {
        byMarker.computeIfAbsent(rows.getString(1), m -> new HashMap<>()).put(rows.getLong(2), rows.getDouble(3));
        total++;
      }
    }
    revisions = TestDatabase.queryLong(databaseUrl, REVISIONS);
  }

  static StoredPoints read(String databaseUrl) throws SQLException {
    return new StoredPoints(databaseUrl);
  }

  int total() {
    return total;
  }

  /** Values replaced by a later write of the same point: none, when every write was of new points. */
  long revisions() {
    return revisions;
  }

  /** Asserts that every point of these batches is stored, once, with its value. */
  void assertComplete(List<Batch> batches) {
    for (Batch batch : batches) {
      Map<Long, Double> stored = byMarker.getOrDefault(batch.marker(), Map.of());
      assertThat(stored).as("points of %s", batch.marker()).hasSize(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        assertThat(stored.get(batch.epochSecond(i))).as("value of point %d of %s", i, batch.marker())
            .isEqualTo(batch.value(i));
      }
    }
  }

  /** Asserts that each of these batches is stored entirely (with its values) or not at all. */
  void assertAllOrNothing(List<Batch> batches) {
    for (Batch batch : batches) {
      if (byMarker.containsKey(batch.marker())) {
        assertComplete(List.of(batch));
      }
    }
  }

  /** Whether any point of this batch is stored. */
  boolean contains(Batch batch) {
    return byMarker.containsKey(batch.marker());
  }
}

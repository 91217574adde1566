package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Metric definitions. */
public final class MetricRepository {
  static final String COLUMNS = "id, name, unit, description, labels, cadence, display, goal, label_values, aggregation";
  private static final String ALL = "SELECT " + COLUMNS + " FROM metrics ORDER BY id";
  private static final String BY_IDS = "SELECT " + COLUMNS + " FROM metrics WHERE id = ANY($1)";
  private static final String UPSERT = """
      INSERT INTO metrics (id, name, unit, description, labels, cadence, display, goal, label_values, aggregation)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit = excluded.unit,
        description = excluded.description, labels = excluded.labels, cadence = excluded.cadence,
        display = excluded.display, goal = excluded.goal, label_values = excluded.label_values,
        aggregation = excluded.aggregation,
        updated_at = now()
      RETURNING (xmax = 0) AS created""";
  private static final String DELETE = "DELETE FROM metrics WHERE id = $1";
  private static final String LABEL_KEYS_IN_USE =
      "SELECT DISTINCT jsonb_object_keys(labels) FROM series WHERE metric_id = $1";
  /**
   * The writers' advisory lock, the key {@code pulseboard_write_points} takes (migration V006):
   * while it is held no batch is between its lock and its commit.
   */
  static final long WRITERS_LOCK_KEY = 0x70756c73_65000002L;
  private static final String WRITERS_LOCK = "SELECT pg_advisory_xact_lock($1)";

  private final Pool pool;

  public MetricRepository(Pool pool) {
    this.pool = pool;
  }

  /** All metrics, by id. */
  public Future<List<Metric>> all() {
    return pool.query(ALL).execute().map(MetricRepository::toMetrics);
  }

  /** The metric with this id, if there is one. */
  public Future<Optional<Metric>> find(String id) {
    return byIds(pool, List.of(id)).map(found -> Optional.ofNullable(found.get(id)));
  }

  /** The metrics among these ids that exist, by id. */
  public static Future<Map<String, Metric>> byIds(SqlClient client, List<String> ids) {
    return client.preparedQuery(BY_IDS).execute(Tuple.of(ids.toArray(String[]::new))).map(rows -> {
      Map<String, Metric> found = new LinkedHashMap<>();
      toMetrics(rows).forEach(m -> found.put(m.id(), m));
      return found;
    });
  }

  /**
   * Creates or replaces a metric on a given connection or transaction, without checking the
   * label keys in use (for seeding an empty database); the future holds true when it was created.
   */
  public static Future<Boolean> upsert(SqlClient client, Metric m) {
    return client.preparedQuery(UPSERT)
        .execute(Tuple.from(new Object[] {m.id(), m.name().toJson(), m.unit(),
            m.description().toJson(), m.labels().toArray(String[]::new), m.cadence(), m.display(), m.goal(),
            m.labelValues().toJson(), m.aggregation()}))
        .map(rows -> rows.iterator().next().getBoolean("created"));
  }

  /**
   * Creates or replaces a metric unless the new definition drops a label key that stored series
   * use. The check and the change run in one transaction under the writers' lock, so no batch
   * validated against the old definition can add such a series in between (the series trigger
   * of V007 refuses one that arrives after). The future holds what was done.
   */
  public Future<MetricChange> replace(Metric metric) {
    return pool.withTransaction(tx -> tx.preparedQuery(WRITERS_LOCK).execute(Tuple.of(WRITERS_LOCK_KEY))
        .compose(locked -> labelKeysInUse(tx, metric.id()))
        .compose(inUse -> {
          List<String> dropped = inUse.stream().filter(k -> !metric.labels().contains(k)).sorted().toList();
          if (!dropped.isEmpty()) {
            return Future.succeededFuture(MetricChange.keysInUse(dropped));
          }
          return upsert(tx, metric).map(MetricChange::written);
        }));
  }

  private static Future<List<String>> labelKeysInUse(SqlClient client, String id) {
    return client.preparedQuery(LABEL_KEYS_IN_USE).execute(Tuple.of(id))
        .map(rows -> {
          List<String> keys = new ArrayList<>();
          rows.forEach(r -> keys.add(r.getString(0)));
          return keys;
        });
  }

  /** Deletes a metric with its series and points; the future holds whether it existed. */
  public Future<Boolean> delete(String id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  static Metric toMetric(Row row) {
    return new Metric(row.getString("id"), LocalizedText.fromJson(row.getJsonObject("name")), row.getString("unit"),
        LocalizedText.fromJson(row.getJsonObject("description")), Arrays.asList(row.getArrayOfStrings("labels")),
        row.getString("cadence"), row.getString("display"), row.getDouble("goal"),
        LabelValueNames.fromJson(row.getJsonObject("label_values")), row.getString("aggregation"));
  }

  private static List<Metric> toMetrics(RowSet<Row> rows) {
    List<Metric> metrics = new ArrayList<>();
    rows.forEach(row -> metrics.add(toMetric(row)));
    return metrics;
  }
}

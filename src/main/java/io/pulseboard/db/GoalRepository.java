package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Goals per series (migration V015). */
public final class GoalRepository {
  private static final String COLUMNS = "id, metric_id, labels, target, direction, due, baseline_value, baseline_date, "
      + "band_warn, band_critical, band_unit";
  private static final String ALL = "SELECT " + COLUMNS + " FROM goals ORDER BY id";
  private static final String ONE = "SELECT " + COLUMNS + " FROM goals WHERE id = $1";
  private static final String INSERT = """
      INSERT INTO goals (metric_id, labels, target, direction, due, baseline_value, baseline_date,
                         band_warn, band_critical, band_unit)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""";
  private static final String UPDATE = """
      UPDATE goals SET metric_id = $2, labels = $3, target = $4, direction = $5, due = $6, baseline_value = $7,
                       baseline_date = $8, band_warn = $9, band_critical = $10, band_unit = $11, updated_at = now()
      WHERE id = $1""";
  private static final String DELETE = "DELETE FROM goals WHERE id = $1";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  /** A goal for the same metric and labels exists already, or the metric went away meanwhile. */
  public static final class Clash extends RuntimeException {
    public Clash(String message) {
      super(message, null, false, false);
    }
  }

  private final Pool pool;

  public GoalRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every goal, oldest first. */
  public Future<List<Goal>> all() {
    return pool.query(ALL).execute().map(GoalRepository::goals);
  }

  /** The goal with this id, if any. */
  public Future<Optional<Goal>> find(long id) {
    return pool.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> goals(rows).stream().findFirst());
  }

  /** Stores a new goal; the future holds it with its id, or fails with {@link Clash}. */
  public Future<Goal> create(Goal g) {
    return pool.preparedQuery(INSERT).execute(Tuple.from(values(g)))
        .map(rows -> new Goal(rows.iterator().next().getLong("id"), g.metric(), g.labels(), g.target(),
            g.direction(), g.due(), g.baseline(), g.bands()))
        .recover(GoalRepository::clash);
  }

  /** Replaces goal {@code id}; the future holds whether it existed, or fails with {@link Clash}. */
  public Future<Boolean> replace(long id, Goal g) {
    List<Object> args = new ArrayList<>(java.util.Arrays.asList(values(g)));
    args.add(0, id);
    return pool.preparedQuery(UPDATE).execute(Tuple.from(args)).map(rows -> rows.rowCount() > 0)
        .recover(GoalRepository::clash);
  }

  /** Deletes goal {@code id}; the future holds whether it existed. */
  public Future<Boolean> delete(long id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  private static <T> Future<T> clash(Throwable e) {
    if (e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      return Future.failedFuture(new Clash("a goal for this metric and these labels exists already"));
    }
    if (e instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())) {
      return Future.failedFuture(new Clash("the metric was deleted meanwhile"));
    }
    return Future.failedFuture(e);
  }

  private static Object[] values(Goal g) {
    Goal.Bands b = g.bands();
    return new Object[] {g.metric(), labelsJson(g.labels()), g.target(), g.direction().json(), g.due(),
        g.baseline() == null ? null : g.baseline().value(), g.baseline() == null ? null : g.baseline().date(),
        b == null ? null : b.warn(), b == null ? null : b.critical(), b == null || b.fraction() ? "fraction" : "value"};
  }

  static JsonObject labelsJson(Map<String, String> labels) {
    JsonObject json = new JsonObject();
    new TreeMap<>(labels).forEach(json::put);
    return json;
  }

  /** Labels stored as a JSON object, as a map. */
  public static Map<String, String> labelsOf(JsonObject json) {
    return labels(json);
  }

  static Map<String, String> labels(JsonObject json) {
    Map<String, String> labels = new TreeMap<>();
    json.forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    return labels;
  }

  private static List<Goal> goals(RowSet<Row> rows) {
    List<Goal> goals = new ArrayList<>();
    rows.forEach(r -> goals.add(goal(r)));
    return goals;
  }

  private static Goal goal(Row r) {
    LocalDate baselineDate = r.getLocalDate("baseline_date");
    Double warn = r.getDouble("band_warn");
    Double critical = r.getDouble("band_critical");
    return new Goal(r.getLong("id"), r.getString("metric_id"), labels(r.getJsonObject("labels")),
        r.getDouble("target"), Goal.Direction.of(r.getString("direction")), r.getLocalDate("due"),
        baselineDate == null ? null : new Goal.Baseline(r.getDouble("baseline_value"), baselineDate),
        warn == null && critical == null ? null : new Goal.Bands(warn, critical, "fraction".equals(r.getString("band_unit"))));
  }
}

package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alert rules (migration V015). A rule's channels are checked against the channels table in the
 * transaction that writes it, so a rule never names a channel that did not exist then.
 */
public final class AlertRuleRepository {
  private static final String COLUMNS = "id, name, metric_id, labels, kind, above, below, band, pct, way, grace, "
      + "channels, enabled";
  private static final String ALL = "SELECT " + COLUMNS + " FROM alert_rules ORDER BY id";
  private static final String ONE = "SELECT " + COLUMNS + " FROM alert_rules WHERE id = $1";
  private static final String INSERT = """
      INSERT INTO alert_rules (name, metric_id, labels, kind, above, below, band, pct, way, grace, channels, enabled)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id""";
  private static final String UPDATE = """
      UPDATE alert_rules SET name = $2, metric_id = $3, labels = $4, kind = $5, above = $6, below = $7, band = $8,
                             pct = $9, way = $10, grace = $11, channels = $12, enabled = $13, updated_at = now()
      WHERE id = $1""";
  private static final String DELETE = "DELETE FROM alert_rules WHERE id = $1";
  // KEY SHARE: a channel cannot be deleted between this check and the commit.
  private static final String KNOWN_CHANNELS = "SELECT id FROM channels WHERE id = ANY($1) FOR KEY SHARE";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  /** The rule names channels that do not exist (in the order given). */
  public static final class UnknownChannels extends RuntimeException {
    private final List<Long> ids;

    public UnknownChannels(List<Long> ids) {
      super("unknown channels " + ids, null, false, false);
      this.ids = List.copyOf(ids);
    }

    public List<Long> ids() {
      return ids;
    }
  }

  /** The rule's metric was deleted between the check and the write. */
  public static final class MetricGone extends RuntimeException {
    public MetricGone() {
      super("the metric was deleted meanwhile", null, false, false);
    }
  }

  private final Pool pool;

  public AlertRuleRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every rule, oldest first. */
  public Future<List<AlertRule>> all() {
    return pool.query(ALL).execute().map(AlertRuleRepository::rules);
  }

  /** The rule with this id, if any. */
  public Future<Optional<AlertRule>> find(long id) {
    return pool.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> rules(rows).stream().findFirst());
  }

  /** Stores a new rule; the future holds it with its id, or fails with {@link UnknownChannels}. */
  public Future<AlertRule> create(AlertRule rule) {
    return pool.withTransaction(tx -> checkChannels(tx, rule)
        .compose(v -> tx.preparedQuery(INSERT).execute(Tuple.from(values(rule))))
        .map(rows -> rule.withId(rows.iterator().next().getLong("id"))))
        .recover(AlertRuleRepository::metricGone);
  }

  /** Replaces rule {@code id}; the future holds whether it existed, or fails with {@link UnknownChannels}. */
  public Future<Boolean> replace(long id, AlertRule rule) {
    List<Object> args = new ArrayList<>(Arrays.asList(values(rule)));
    args.add(0, id);
    return pool.withTransaction(tx -> checkChannels(tx, rule)
        .compose(v -> tx.preparedQuery(UPDATE).execute(Tuple.from(args)))
        .map(rows -> rows.rowCount() > 0))
        .recover(AlertRuleRepository::metricGone);
  }

  /** Deletes rule {@code id} with its alerts and their history; the future holds whether it existed. */
  public Future<Boolean> delete(long id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  private static Future<Void> checkChannels(SqlClient tx, AlertRule rule) {
    if (rule.channels().isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(KNOWN_CHANNELS).execute(Tuple.of((Object) rule.channels().toArray(Long[]::new)))
        .compose(rows -> {
          Set<Long> known = new TreeSet<>();
          rows.forEach(r -> known.add(r.getLong("id")));
          List<Long> unknown = rule.channels().stream().filter(id -> !known.contains(id)).toList();
          return unknown.isEmpty() ? Future.succeededFuture() : Future.failedFuture(new UnknownChannels(unknown));
        });
  }

  private static <T> Future<T> metricGone(Throwable e) {
    if (e instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())) {
      return Future.failedFuture(new MetricGone());
    }
    return Future.failedFuture(e);
  }

  private static Object[] values(AlertRule r) {
    return new Object[] {r.name(), r.metric(), GoalRepository.labelsJson(r.labels()), r.kind().json(), r.above(),
        r.below(), r.band(), r.pct(), r.way(), r.grace(), r.channels().toArray(Long[]::new), r.enabled()};
  }

  private static List<AlertRule> rules(RowSet<Row> rows) {
    List<AlertRule> rules = new ArrayList<>();
    rows.forEach(r -> rules.add(rule(r)));
    return rules;
  }

  private static AlertRule rule(Row r) {
    return new AlertRule(r.getLong("id"), r.getString("name"), r.getString("metric_id"),
        GoalRepository.labels(r.getJsonObject("labels")), AlertRule.Kind.of(r.getString("kind")), r.getDouble("above"),
        r.getDouble("below"), r.getString("band"), r.getDouble("pct"), r.getString("way"), r.getString("grace"),
        Arrays.asList(r.getArrayOfLongs("channels")), r.getBoolean("enabled"));
  }
}

package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of alert rules on series (migration V015): reading what rules look at, claiming
 * transitions once, and listing alerts with their history.
 *
 * <p>A claim is one transaction: a compare-and-set of the alert's transition count, the history
 * row (unique per rule, series and transition: the claim), one {@code notifications} row per
 * channel of the rule, and an {@code alerts} event. However many instances evaluate the same
 * change, one of them claims a transition; the others find the count moved and do nothing.
 */
public final class AlertRepository {
  // What rules read of each series; %s selects the series ids.
  private static final String SNAPSHOTS = """
      SELECT s.id, s.metric_id, s.labels, l.ts, l.value,
             extract(epoch FROM now() - l.updated_at)::float8 AS age_s,
             extract(epoch FROM m.cadence::interval)::float8 AS cadence_s,
             pv.value AS pv_value, f.ts AS f_ts, f.value AS f_value,
             (SELECT coalesce(jsonb_agg(jsonb_build_array(a.rule_id, a.state, a.transition)), '[]'::jsonb)
              FROM alerts a WHERE a.series_id = s.id) AS alerts
      FROM series s
      JOIN metrics m ON m.id = s.metric_id
      JOIN LATERAL (SELECT ts, value, updated_at FROM points WHERE series_id = s.id ORDER BY ts DESC LIMIT 1) l ON true
      LEFT JOIN LATERAL (SELECT value FROM points WHERE series_id = s.id AND ts < l.ts ORDER BY ts DESC LIMIT 1) pv ON true
      LEFT JOIN LATERAL (SELECT ts, value FROM points WHERE series_id = s.id ORDER BY ts LIMIT 1) f ON true
      WHERE s.id IN (%s)""";
  private static final String BY_SERIES = """
      SELECT se.id FROM unnest($1::text[], $2::text[]) AS t(metric_id, labels)
      JOIN series se ON se.metric_id = t.metric_id AND se.labels = t.labels::jsonb""";
  private static final String BY_METRICS = "SELECT se.id FROM series se WHERE se.metric_id = ANY($1)";
  private static final String WATCHED_FOR_MISSED_UPDATES = """
      SELECT se.id FROM alert_rules r JOIN series se ON se.metric_id = r.metric_id AND se.labels @> r.labels
      WHERE r.kind = 'missed_update' AND r.enabled""";
  private static final String ENSURE = """
      INSERT INTO alerts (rule_id, series_id, series_key) VALUES ($1, $2, $3)
      ON CONFLICT (rule_id, series_id) DO NOTHING""";
  private static final String MOVE = """
      UPDATE alerts SET state = $3, transition = transition + 1, since = $4, value = $5, summary = $6
      WHERE rule_id = $1 AND series_id = $2 AND transition = $7
      RETURNING id, transition""";
  private static final String RECORD = """
      INSERT INTO alert_transitions (alert_id, rule_id, series_key, transition, state, value, summary, at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT DO NOTHING RETURNING transition""";
  private static final String NOTIFY = """
      INSERT INTO notifications (channel_id, rule_id, series_key, transition_seq, state, body)
      SELECT c.id, $2, $3, $4, $5, $6 FROM channels c WHERE c.id = ANY($1)
      ON CONFLICT DO NOTHING""";
  private static final String LIST = """
      SELECT a.id, a.rule_id, r.name, r.kind, r.metric_id, s.labels, a.state, a.since, a.value, a.transition, a.summary,
             (SELECT coalesce(jsonb_agg(jsonb_build_object('transition', t.transition, 'state', t.state,
                       'at', to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'value', t.value)
                       ORDER BY t.transition DESC), '[]'::jsonb)
              FROM (SELECT * FROM alert_transitions t WHERE t.alert_id = a.id
                    ORDER BY t.transition DESC LIMIT $2) t) AS history
      FROM alerts a JOIN alert_rules r ON r.id = a.rule_id JOIN series s ON s.id = a.series_id
      WHERE a.transition > 0 AND ($1::text IS NULL OR a.state = $1)
      ORDER BY a.since DESC, a.id DESC""";
  private static final String FIRING_PER_RULE = """
      SELECT r.id, r.metric_id, count(a.id)::int AS firing FROM alert_rules r
      LEFT JOIN alerts a ON a.rule_id = r.id AND a.state = 'firing'
      GROUP BY r.id ORDER BY r.id""";
  private static final String LEASE = """
      UPDATE alert_sweep SET swept_at = now() WHERE swept_at <= now() - make_interval(secs => $1)
      RETURNING swept_at""";
  private static final String FIRST_POINTS = """
      SELECT s.metric_id, s.labels, f.ts, f.value FROM series s
      JOIN LATERAL (SELECT ts, value FROM points WHERE series_id = s.id ORDER BY ts LIMIT 1) f ON true
      WHERE s.metric_id = ANY($1) ORDER BY s.metric_id, s.id LIMIT $2""";
  private static final String VERSION = "SELECT version FROM alert_config";

  /** Rules firing on how many series, per rule. */
  public record Firing(long rule, String metric, int series) {}

  private final Pool pool;

  public AlertRepository(Pool pool) {
    this.pool = pool;
  }

  /** The version of goals, rules and metric definitions: it moves on every change of them. */
  public Future<Long> configVersion() {
    return pool.query(VERSION).execute().map(rows -> rows.iterator().next().getLong("version"));
  }

  /** The snapshots of the series among these (metric, labels) pairs that exist and have points. */
  public Future<List<SeriesSnapshot>> snapshots(List<String> metrics, List<JsonObject> labels) {
    Tuple args = Tuple.tuple().addValue(metrics.toArray(String[]::new))
        .addValue(labels.stream().map(JsonObject::encode).toArray(String[]::new));
    return pool.preparedQuery(SNAPSHOTS.formatted(BY_SERIES)).execute(args).map(AlertRepository::snapshots);
  }

  /** The snapshots of every series of these metrics. */
  public Future<List<SeriesSnapshot>> snapshotsOfMetrics(List<String> metrics) {
    return pool.preparedQuery(SNAPSHOTS.formatted(BY_METRICS)).execute(Tuple.of((Object) metrics.toArray(String[]::new)))
        .map(AlertRepository::snapshots);
  }

  /** The snapshots of every series an enabled missed-update rule watches. */
  public Future<List<SeriesSnapshot>> snapshotsForMissedUpdates() {
    return pool.query(SNAPSHOTS.formatted(WATCHED_FOR_MISSED_UPDATES)).execute().map(AlertRepository::snapshots);
  }

  /**
   * Takes the missed-update sweep for this period unless another instance took it less than
   * {@code periodSeconds} ago; the future holds whether this instance has it.
   */
  public Future<Boolean> takeSweep(double periodSeconds) {
    return pool.preparedQuery(LEASE).execute(Tuple.of(periodSeconds)).map(rows -> rows.rowCount() > 0);
  }

  /**
   * Claims a transition; the future holds the alert as an event carries it (without history), or
   * nothing when another evaluator claimed it first.
   */
  public Future<Optional<JsonObject>> claim(AlertClaim c) {
    return pool.withTransaction(tx -> tx.preparedQuery(ENSURE).execute(Tuple.of(c.ruleId(), c.seriesId(), c.seriesKey()))
        .compose(v -> tx.preparedQuery(MOVE).execute(Tuple.from(new Object[] {c.ruleId(), c.seriesId(), c.state(),
            c.at().atOffset(ZoneOffset.UTC), c.value(), c.summary(), c.expected()})))
        .compose(moved -> {
          if (moved.rowCount() == 0) {
            return Future.succeededFuture(Optional.<JsonObject>empty());
          }
          Row row = moved.iterator().next();
          return record(tx, c, row.getLong("id"), row.getLong("transition")).map(Optional::of);
        }));
  }

  private static Future<JsonObject> record(SqlClient tx, AlertClaim c, long alertId, long transition) {
    JsonObject alert = c.alert().copy().put("id", alertId).put("state", c.state()).put("since", c.at().toString())
        .put("value", c.value()).put("transition", transition).put("summary", c.summary());
    JsonObject body = c.notification().copy().put("transition", transition);
    return tx.preparedQuery(RECORD).execute(Tuple.from(new Object[] {alertId, c.ruleId(), c.seriesKey(), transition,
            c.state(), c.value(), c.summary(), c.at().atOffset(ZoneOffset.UTC)}))
        .compose(recorded -> recorded.rowCount() == 0
            ? Future.failedFuture(new IllegalStateException("transition " + transition + " of " + c.seriesKey()
                + " for rule " + c.ruleId() + " was claimed twice"))
            : tx.preparedQuery(NOTIFY).execute(Tuple.from(new Object[] {c.channels().toArray(Long[]::new), c.ruleId(),
                c.seriesKey(), transition, c.state(), body})))
        .compose(v -> EventRepository.emit(tx, "alerts", Long.toString(alertId), alert))
        .map(alert);
  }

  /**
   * Alerts that have fired at least once, most recent change first, each with its latest
   * {@code historyLimit} transitions; only those in {@code state} when it is not null.
   */
  public Future<JsonArray> list(String state, int historyLimit) {
    return pool.preparedQuery(LIST).execute(Tuple.of(state, historyLimit)).map(rows -> {
      JsonArray alerts = new JsonArray();
      rows.forEach(r -> alerts.add(new JsonObject()
          .put("id", r.getLong("id")).put("rule", r.getLong("rule_id")).put("rule_name", r.getString("name"))
          .put("kind", r.getString("kind")).put("metric", r.getString("metric_id"))
          .put("labels", r.getJsonObject("labels")).put("state", r.getString("state"))
          .put("since", r.getOffsetDateTime("since").toInstant().toString()).put("value", r.getDouble("value"))
          .put("transition", r.getLong("transition")).put("summary", r.getString("summary"))
          .put("history", r.getJsonArray("history"))));
      return alerts;
    });
  }

  /** A series and its first point. */
  public record FirstPoint(String metric, JsonObject labels, java.time.Instant ts, double value) {}

  /** The first point of each series of these metrics, at most {@code limit} series. */
  public Future<List<FirstPoint>> firstPoints(List<String> metrics, int limit) {
    return pool.preparedQuery(FIRST_POINTS).execute(Tuple.of(metrics.toArray(String[]::new), limit)).map(rows -> {
      List<FirstPoint> out = new ArrayList<>();
      rows.forEach(r -> out.add(new FirstPoint(r.getString("metric_id"), r.getJsonObject("labels"),
          r.getOffsetDateTime("ts").toInstant(), r.getDouble("value"))));
      return out;
    });
  }

  /** For every rule, on how many series it fires now. */
  public Future<List<Firing>> firingPerRule() {
    return pool.query(FIRING_PER_RULE).execute().map(rows -> {
      List<Firing> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Firing(r.getLong("id"), r.getString("metric_id"), r.getInteger("firing"))));
      return out;
    });
  }

  private static List<SeriesSnapshot> snapshots(io.vertx.sqlclient.RowSet<Row> rows) {
    List<SeriesSnapshot> out = new ArrayList<>();
    rows.forEach(r -> out.add(snapshot(r)));
    return out;
  }

  private static SeriesSnapshot snapshot(Row r) {
    Map<Long, SeriesSnapshot.AlertState> alerts = new HashMap<>();
    for (Object o : r.getJsonArray("alerts")) {
      JsonArray a = (JsonArray) o;
      alerts.put(a.getLong(0), new SeriesSnapshot.AlertState(a.getString(1), a.getLong(2)));
    }
    OffsetDateTime first = r.getOffsetDateTime("f_ts");
    return new SeriesSnapshot(r.getLong("id"), r.getString("metric_id"), r.getJsonObject("labels"),
        r.getOffsetDateTime("ts").toInstant(), r.getDouble("value"), r.getDouble("age_s"), r.getDouble("cadence_s"),
        r.getDouble("pv_value"), first == null ? null : first.toInstant(), r.getDouble("f_value"), alerts);
  }
}

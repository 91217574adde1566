package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * What alert rules look at in one series, read in one statement: its latest point, the point
 * before it, its first point, how long ago its latest point was written, its metric's cadence,
 * and the state of every rule that has fired on it.
 *
 * @param labels the labels in the database's order, so {@link #key()} equals {@link Change#seriesKey()}
 * @param ageSeconds seconds since the latest point (by time) was written
 * @param cadenceSeconds the metric's cadence in seconds (a month counts 30 days)
 * @param previous the value of the point before the latest by time, or {@code null}
 * @param alerts by rule id, the stored state of that rule on this series
 */
public record SeriesSnapshot(long seriesId, String metric, JsonObject labels, Instant ts, double value,
    double ageSeconds, double cadenceSeconds, Double previous, Instant firstTs, Double firstValue,
    Map<Long, AlertState> alerts) {

  /** A rule's stored state on a series: never fired is {@code ok} at transition 0. */
  public record AlertState(String state, long transition) {
    public static final AlertState NEVER = new AlertState("ok", 0);

    public boolean firing() {
      return "firing".equals(state);
    }
  }

  /** Metric and labels, as {@code notifications.series_key} and the change feed spell them. */
  public String key() {
    return metric + labels.encode();
  }

  /** The labels as a map. */
  public Map<String, String> labelMap() {
    return GoalRepository.labels(labels);
  }

  /** The stored state of a rule here. */
  public AlertState state(long ruleId) {
    return alerts.getOrDefault(ruleId, AlertState.NEVER);
  }
}

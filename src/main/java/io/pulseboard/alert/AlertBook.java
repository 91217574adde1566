package io.pulseboard.alert;

import io.pulseboard.db.AlertRepository;
import io.pulseboard.db.AlertRule;
import io.pulseboard.db.AlertRuleRepository;
import io.pulseboard.db.Goal;
import io.pulseboard.db.GoalRepository;
import io.pulseboard.db.Metric;
import io.pulseboard.db.MetricRepository;
import io.pulseboard.db.SeriesGoals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This instance's copy of the goals, the alert rules and the metrics' default goals, read with
 * three queries whenever {@code alert_config.version} moves (every write of them moves it), so
 * that a summary of every series finds its goal without a query. Read from any thread: each
 * reload publishes a new immutable generation.
 */
public final class AlertBook implements SeriesGoals {
  /** One consistent reading. */
  record Generation(long version, Map<String, List<Goal>> goals, Map<String, Double> metricGoals,
      Map<String, List<AlertRule>> rules, Map<String, Metric> metrics) {
    static final Generation EMPTY = new Generation(-1, Map.of(), Map.of(), Map.of(), Map.of());
  }

  private final GoalRepository goals;
  private final AlertRuleRepository rules;
  private final MetricRepository metrics;
  private final AlertRepository alerts;
  private volatile Generation current = Generation.EMPTY;

  public AlertBook(Pool pool) {
    this.goals = new GoalRepository(pool);
    this.rules = new AlertRuleRepository(pool);
    this.metrics = new MetricRepository(pool);
    this.alerts = new AlertRepository(pool);
  }

  /** Reloads when the stored version differs from the one in use; the future holds whether it did. */
  public Future<Boolean> refresh() {
    return alerts.configVersion().compose(v -> v == current.version() ? Future.succeededFuture(false)
        : load(v).map(true));
  }

  /** Reloads at once (after a write of this instance); the future completes once it is in use. */
  public Future<Void> reload() {
    return alerts.configVersion().compose(this::load);
  }

  private Future<Void> load(long version) {
    return Future.all(goals.all(), rules.all(), metrics.all()).map(all -> {
      Map<String, List<Goal>> goalsByMetric = new HashMap<>();
      for (Goal g : all.<List<Goal>>resultAt(0)) {
        goalsByMetric.computeIfAbsent(g.metric(), k -> new ArrayList<>()).add(g);
      }
      Map<String, List<AlertRule>> rulesByMetric = new HashMap<>();
      for (AlertRule r : all.<List<AlertRule>>resultAt(1)) {
        if (r.enabled()) {
          rulesByMetric.computeIfAbsent(r.metric(), k -> new ArrayList<>()).add(r);
        }
      }
      Map<String, Double> metricGoals = new HashMap<>();
      Map<String, Metric> byId = new HashMap<>();
      for (Metric m : all.<List<Metric>>resultAt(2)) {
        byId.put(m.id(), m);
        if (m.goal() != null) {
          metricGoals.put(m.id(), m.goal());
        }
      }
      if (version >= current.version()) {
        current = new Generation(version, goalsByMetric, metricGoals, rulesByMetric, byId);
      }
      return null;
    });
  }

  /** The version of the reading in use. */
  long version() {
    return current.version();
  }

  /** The enabled rules on a metric. */
  List<AlertRule> rules(String metric) {
    return current.rules().getOrDefault(metric, List.of());
  }

  /** Whether any enabled rule watches missed updates. */
  boolean watchesMissedUpdates() {
    return current.rules().values().stream().flatMap(List::stream)
        .anyMatch(r -> r.kind() == AlertRule.Kind.MISSED_UPDATE);
  }

  /** Metrics with at least one enabled rule. */
  List<String> metricsWithRules() {
    return List.copyOf(current.rules().keySet());
  }

  /** Whether a metric has goals of its own. */
  boolean hasGoals(String metric) {
    return current.goals().containsKey(metric);
  }

  /** Every metric, by id. */
  Map<String, Metric> metrics() {
    return current.metrics();
  }

  /**
   * The goal of a series: the goal of its metric whose labels it contains with the most label
   * pairs, else the metric's default goal, else {@code null}.
   */
  public Goal goalOf(String metric, Map<String, String> labels) {
    Generation gen = current;
    Goal best = null;
    for (Goal g : gen.goals().getOrDefault(metric, List.of())) {
      boolean contained = g.labels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
      if (contained && (best == null || g.labels().size() > best.labels().size())) {
        best = g;
      }
    }
    Double fallback = gen.metricGoals().get(metric);
    return best != null ? best : fallback == null ? null : Goal.metricDefault(metric, fallback);
  }

  @Override
  public JsonObject goal(String metric, Double metricGoal, JsonObject labels, double value, LocalDate today,
      Instant firstTs, Double firstValue) {
    Map<String, String> labelMap = new HashMap<>();
    labels.forEach(e -> labelMap.put(e.getKey(), String.valueOf(e.getValue())));
    Goal goal = goalOf(metric, labelMap);
    if (goal != null && goal.id() == null && metricGoal != null) {
      goal = Goal.metricDefault(metric, metricGoal);
    }
    if (goal == null && metricGoal != null) {
      goal = Goal.metricDefault(metric, metricGoal);
    }
    return goal == null ? null : GoalStatus.json(goal, value, today, first(firstTs, firstValue));
  }

  static GoalStatus.First first(Instant ts, Double value) {
    return ts == null || value == null ? null : new GoalStatus.First(value, LocalDate.ofInstant(ts, ZoneOffset.UTC));
  }
}

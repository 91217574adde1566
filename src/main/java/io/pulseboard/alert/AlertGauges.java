package io.pulseboard.alert;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.pulseboard.db.AlertRepository;
import io.pulseboard.db.Goal;
import io.pulseboard.db.Metric;
import io.pulseboard.kpi.Gauges;
import io.pulseboard.kpi.KpiDefinitions;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The goal and alert gauges of {@code /metrics}, built at scrape time from what the last
 * {@link #refresh} read. Goal gauges carry exactly the labels of {@code pulseboard_metric_value}
 * (the metric and every label key of every metric), so PromQL compares them one to one; they are
 * bounded like it, by {@code PULSEBOARD_METRICS_MAX_SERIES}. {@code pulseboard_alert_firing} has
 * one sample per rule ({@code rule}, {@code metric}), so its label sets are bounded by the number
 * of rules, which the API caps.
 */
public final class AlertGauges implements MultiCollector {
  static final String GOAL = "pulseboard_metric_goal";
  static final String PACING = "pulseboard_metric_goal_pacing";
  static final String FIRING = "pulseboard_alert_firing";

  private record Samples(List<GaugeDataPointSnapshot> goals, List<GaugeDataPointSnapshot> pacing,
      List<GaugeDataPointSnapshot> firing) {}

  private final AlertBook book;
  private final AlertRepository alerts;
  private final int maxSeries;
  private volatile Samples samples = new Samples(List.of(), List.of(), List.of());

  public AlertGauges(AlertBook book, AlertRepository alerts, int maxSeries) {
    this.book = book;
    this.alerts = alerts;
    this.maxSeries = maxSeries;
  }

  /** Reads the firing rules and the series with a goal again; the future completes once scrapes see them. */
  public Future<Void> refresh() {
    Map<String, Metric> metrics = book.metrics();
    List<String> withGoals = metrics.keySet().stream().filter(this::hasGoal).toList();
    return Future.all(alerts.firingPerRule(), alerts.firstPoints(withGoals, maxSeries)).map(all -> {
      KpiDefinitions defs = KpiDefinitions.of(List.copyOf(metrics.values()));
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      List<GaugeDataPointSnapshot> goals = new ArrayList<>();
      List<GaugeDataPointSnapshot> pacing = new ArrayList<>();
      for (AlertRepository.FirstPoint p : all.<List<AlertRepository.FirstPoint>>resultAt(1)) {
        Goal goal = book.goalOf(p.metric(), io.pulseboard.db.GoalRepository.labelsOf(p.labels()));
        KpiDefinitions.Def def = defs.metric(p.metric());
        if (goal == null || def == null) {
          continue;
        }
        Labels labels = defs.labels(def, p.labels());
        goals.add(new GaugeDataPointSnapshot(goal.target(), labels, null));
        GoalStatus.Pacing pace = GoalStatus.pacing(goal, goal.target(), today, AlertBook.first(p.ts(), p.value()));
        if (pace != null) {
          pacing.add(new GaugeDataPointSnapshot(pace.expected(), labels, null));
        }
      }
      List<GaugeDataPointSnapshot> firing = new ArrayList<>();
      for (AlertRepository.Firing f : all.<List<AlertRepository.Firing>>resultAt(0)) {
        firing.add(new GaugeDataPointSnapshot(f.series(),
            Labels.of("metric", f.metric(), "rule", Long.toString(f.rule())), null));
      }
      samples = new Samples(goals, pacing, firing);
      return null;
    });
  }

  private boolean hasGoal(String metric) {
    return book.metrics().get(metric).goal() != null || book.hasGoals(metric);
  }

  @Override
  public MetricSnapshots collect() {
    Samples now = samples;
    return new MetricSnapshots(
        Gauges.of(GOAL, "Target of the goal of each KPI series that has one", now.goals()),
        Gauges.of(PACING, "Value a KPI series with a due goal should have today, on a straight line from its baseline",
            now.pacing()),
        Gauges.of(FIRING, "Series on which an alert rule fires now, per rule", now.firing()));
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(GOAL, PACING, FIRING);
  }
}

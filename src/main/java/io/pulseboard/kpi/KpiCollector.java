package io.pulseboard.kpi;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The three KPI gauge families, built at scrape time from {@link KpiState} without touching the
 * database. Staleness is evaluated here, against the scrape's clock. Exposition (escaping, one
 * HELP and TYPE per family) is left to the Prometheus client's writers.
 */
final class KpiCollector implements MultiCollector {
  static final String VALUE = "pulseboard_metric_value";
  static final String LAST_UPDATE = "pulseboard_metric_last_update_timestamp_seconds";
  static final String STALE = "pulseboard_metric_stale";

  private final KpiState state;
  private final Clock clock;

  KpiCollector(KpiState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  @Override
  public MetricSnapshots collect() {
    long now = clock.millis();
    List<GaugeDataPointSnapshot> values = new ArrayList<>(state.size());
    List<GaugeDataPointSnapshot> updates = new ArrayList<>(state.size());
    List<GaugeDataPointSnapshot> stale = new ArrayList<>(state.size());
    for (KpiState.Series s : state.series()) {
      values.add(new GaugeDataPointSnapshot(s.value(), s.labels(), null));
      updates.add(new GaugeDataPointSnapshot(s.tsMillis() / 1000.0, s.labels(), null));
      stale.add(new GaugeDataPointSnapshot(now >= s.staleAtMillis() ? 1 : 0, s.labels(), null));
    }
    return new MetricSnapshots(
        Gauges.of(VALUE, "Latest value of each tracked KPI series (latest by observation time)", values),
        Gauges.of(LAST_UPDATE, "Observation time of the latest point of each KPI series, in Unix seconds", updates),
        Gauges.of(STALE, "1 when the latest point of a KPI series is older than its metric's cadence", stale));
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(VALUE, LAST_UPDATE, STALE);
  }
}

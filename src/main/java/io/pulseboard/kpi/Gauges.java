package io.pulseboard.kpi;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.util.List;

/** A gauge of the KPI exposition made of the points read for one scrape (the KPI and the alert gauges). */
public final class Gauges {
  private Gauges() {}

  public static GaugeSnapshot of(String name, String help, List<GaugeDataPointSnapshot> points) {
    GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
    points.forEach(builder::dataPoint);
    return builder.build();
  }
}

package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The goal a series shows in a summary, with its status and pacing; the alert engine supplies
 * it, so summaries carry goals without this package knowing how they are kept.
 */
public interface SeriesGoals {
  /** Summaries whose series carry no goal (tools and the demo feed, which do not show them). */
  SeriesGoals NONE = (metric, metricGoal, labels, value, today, firstTs, firstValue) -> null;

  /**
   * The series' goal as {@code GET /api/v1/metrics} gives it, or {@code null} without one.
   *
   * @param metricGoal the metric's old single goal number, the default goal of its series
   * @param today the UTC day pacing is computed for
   * @param firstTs the time of the series' first point, where pacing starts without a baseline
   */
  JsonObject goal(String metric, Double metricGoal, JsonObject labels, double value, LocalDate today,
      Instant firstTs, Double firstValue);
}

package io.pulseboard.http;

import io.pulseboard.db.Metric;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** The {@code labels} of a goal or an alert rule: keys the metric declares, each with a value. */
final class LabelsBody {
  private LabelsBody() {}

  /**
   * The labels, sorted by key; a metric that does not exist ({@code metric} null) or a key it does
   * not declare is added to the problem.
   */
  static Map<String, String> parse(JsonObject json, String metricId, Metric metric, Problem problem) {
    Map<String, String> labels = new TreeMap<>();
    if (metric == null) {
      problem.error("/metric", "no metric '" + metricId + "'; create it first (PUT /api/v1/metrics/" + metricId + ")");
    }
    if (json == null) {
      return labels;
    }
    json.forEach(e -> {
      String pointer = "/labels/" + Requests.pointerToken(e.getKey());
      if (metric != null && !metric.labels().contains(e.getKey())) {
        problem.error(pointer, "'" + e.getKey() + "' is not a label of " + metric.id() + " (its labels: "
            + metric.labels() + ")");
      } else if (Requests.checkText(problem, pointer, String.valueOf(e.getValue()))) {
        labels.put(e.getKey(), String.valueOf(e.getValue()));
      }
    });
    return labels;
  }
}

package io.pulseboard.http;

import io.pulseboard.db.Metric;
import io.pulseboard.db.PointInput;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a schema-valid {@code points} array into points to write, checking what the schema
 * cannot: known metrics, allowed label keys, finite values and real timestamps. Every bad
 * point is reported with its JSON pointer; one bad point rejects the batch.
 */
final class PointBatch {
  private static final int MAX_ERRORS = 100;

  private PointBatch() {}

  static List<String> metricIds(JsonArray points) {
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < points.size(); i++) {
      ids.add(points.getJsonObject(i).getString("metric"));
    }
    return List.copyOf(ids);
  }

  static List<PointInput> validate(JsonArray points, Map<String, Metric> metrics) {
    Problem problem = Problem.invalid("some points are invalid; nothing was written");
    List<PointInput> inputs = new ArrayList<>(points.size());
    for (int i = 0; i < points.size() && problem.errorCount() < MAX_ERRORS; i++) {
      PointInput input = point(points.getJsonObject(i), "/points/" + i, metrics, problem);
      if (input != null) {
        inputs.add(input);
      }
    }
    if (problem.hasErrors()) {
      throw problem;
    }
    return inputs;
  }

  private static PointInput point(JsonObject json, String at, Map<String, Metric> metrics, Problem problem) {
    String metricId = json.getString("metric");
    Metric metric = metrics.get(metricId);
    if (metric == null) {
      problem.error(at + "/metric", "unknown metric '" + metricId + "'");
      return null;
    }
    Map<String, String> labels = new HashMap<>();
    JsonObject rawLabels = json.getJsonObject("labels", new JsonObject());
    boolean ok = true;
    for (String key : rawLabels.fieldNames()) {
      if (!metric.labels().contains(key)) {
        problem.error(at + "/labels/" + key, "label '" + key + "' is not allowed for " + metricId
            + " (allowed: " + String.join(", ", metric.labels()) + ")");
        ok = false;
      }
      labels.put(key, rawLabels.getString(key));
    }
    double value = ((Number) json.getValue("value")).doubleValue();
    if (!Double.isFinite(value)) {
      problem.error(at + "/value", "value must be a finite number");
      ok = false;
    }
    OffsetDateTime ts = Requests.parseTimestamp(json.getString("ts"));
    if (ts == null) {
      problem.error(at + "/ts", Requests.badTimestamp(json.getString("ts")));
      ok = false;
    }
    return ok ? new PointInput(metricId, labels, ts, value, json.getString("source")) : null;
  }
}

package io.pulseboard.http;

import io.pulseboard.db.Metric;
import io.pulseboard.db.PointInput;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code points} array of a request into points to write. Every bad point is reported
 * with its JSON pointer (at most 100); one bad point rejects the batch.
 */
final class PointBatch {
  private static final int MAX_ERRORS = 100;

  private PointBatch() {}

  /** The distinct metric ids the batch names, to look them up in one query. */
  static List<String> metricIds(JsonArray points) {
    Set<String> ids = new LinkedHashSet<>();
    for (Object p : points.getList()) {
      Map<String, Object> item = PointItem.object(p);
      Object id = item == null ? null : item.get("metric");
      if (id instanceof String metric && !ids.contains(metric) && Metric.ID.matcher(metric).matches()) {
        ids.add(metric);
      }
    }
    return List.copyOf(ids);
  }

  static List<PointInput> validate(JsonArray points, Map<String, Metric> metrics) {
    Problem problem = Problem.invalid("some points are invalid; nothing was written");
    List<PointInput> inputs = new ArrayList<>(points.size());
    for (int i = 0; i < points.size() && problem.errorCount() < MAX_ERRORS; i++) {
      PointInput input = PointItem.check(points.getList().get(i), "/points/" + i, metrics, problem);
      if (input != null) {
        inputs.add(input);
      }
    }
    if (problem.hasErrors()) {
      throw problem;
    }
    return inputs;
  }
}

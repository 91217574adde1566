package io.pulseboard.http;

import io.pulseboard.db.Metric;
import io.pulseboard.db.PointInput;
import io.pulseboard.input.InputText;
import io.pulseboard.input.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One item of {@code POST /api/v1/points}, checked against the contract's {@code PointIn}
 * schema and against what a schema cannot know (known metric, allowed label keys, a finite
 * value, a time and text the store keeps exactly). Done here rather than by the contract
 * validator because that costs about 20 µs per point, a full core at 50 000 points/s;
 * {@code PointItemContractTest} keeps these rules and the contract in step.
 */
final class PointItem {
  private static final Set<String> PROPERTIES = Set.of("metric", "labels", "ts", "value", "source");
  private static final int MAX_LABELS = 16;
  private static final int MAX_LABEL_VALUE = 200;
  private static final int MAX_SOURCE = 500;

  private final String at;
  private final String labelsAt;
  private final Problem problem;
  private boolean ok = true;

  private PointItem(String at, String labelsAt, Problem problem) {
    this.at = at;
    this.labelsAt = labelsAt;
    this.problem = problem;
  }

  /** The point to write, or {@code null} after adding its faults to {@code problem}. */
  static PointInput check(Object raw, String at, Map<String, Metric> metrics, Problem problem) {
    return new PointItem(at, "/labels", problem).check(raw, metrics);
  }

  /**
   * A CSV row as an item ({@link CsvColumns#item}): the same checks, with a label's faults at
   * its column ({@code /rows/7/region}) rather than under {@code /labels}.
   */
  static PointInput checkRow(JsonObject row, String at, Map<String, Metric> metrics, Problem problem) {
    return new PointItem(at, "", problem).check(row, metrics);
  }

  private PointInput check(Object raw, Map<String, Metric> metrics) {
    Map<String, Object> json = object(raw);
    if (json == null) {
      fail("", "must be an object");
      return null;
    }
    if (!PROPERTIES.containsAll(json.keySet())) {
      json.keySet().stream().filter(k -> !PROPERTIES.contains(k)).sorted()
          .forEach(k -> unknownProperty(k));
    }
    Metric metric = metric(json.get("metric"), metrics);
    Map<String, String> labels = labels(json.get("labels"), metric);
    Double value = value(json.get("value"));
    OffsetDateTime ts = ts(json.get("ts"));
    String source = source(json.get("source"));
    return ok ? new PointInput(metric.id(), labels, ts, value, source) : null;
  }

  /**
   * A JSON object's members as they were decoded, or {@code null} for any other value. Read from
   * the map itself: {@link JsonObject#getValue} wraps every value it returns, a type test per
   * interface for each string, which cost more than the checks here.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object raw) {
    if (raw instanceof JsonObject json) {
      return json.getMap();
    }
    return raw instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }

  private void unknownProperty(String key) {
    if (InputText.isValid(key)) {
      fail("/" + Requests.pointerToken(key), "unknown property \"" + key + "\"");
    } else {
      fail("", "unknown property " + InputText.quote(key) + ", whose name is not valid text");
    }
  }

  private Metric metric(Object raw, Map<String, Metric> metrics) {
    Metric known = raw instanceof String id ? metrics.get(id) : null;
    if (known != null) {
      return known;
    }
    if (!(raw instanceof String id) || !Metric.ID.matcher(id).matches()) {
      fail("/metric", raw == null ? "metric is required" : "metric must be an id like weekly_users");
      return null;
    }
    Metric metric = metrics.get(id);
    if (metric == null) {
      fail("/metric", "unknown metric '" + id + "'");
    }
    return metric;
  }

  private Map<String, String> labels(Object raw, Metric metric) {
    Map<String, String> labels = new HashMap<>();
    if (raw == null) {
      return labels;
    }
    Map<String, Object> json = object(raw);
    if (json == null || json.size() > MAX_LABELS) {
      fail(labelsAt, "labels must be an object of at most " + MAX_LABELS + " string values");
      return labels;
    }
    for (Map.Entry<String, Object> e : json.entrySet()) {
      label(e.getKey(), e.getValue(), metric, labels);
    }
    return labels;
  }

  private void label(String key, Object raw, Metric metric, Map<String, String> into) {
    String keyProblem = InputText.problem(key);
    if (keyProblem != null) {
      // A pointer cannot carry text that is not valid Unicode: point at the labels instead.
      fail(labelsAt, "label key " + InputText.quote(key) + " " + keyProblem);
      return;
    }
    if (!(raw instanceof String v) || v.isEmpty() || v.length() > MAX_LABEL_VALUE) {
      fail(labelPointer(key), "a label value must be a string of 1 to " + MAX_LABEL_VALUE + " characters");
    } else if (!InputText.isValid(v)) {
      fail(labelPointer(key), "text " + InputText.problem(v));
    } else if (metric != null && !metric.labels().contains(key)) {
      fail(labelPointer(key), "label " + InputText.quote(key) + " is not allowed for " + metric.id()
          + " (allowed: " + String.join(", ", metric.labels()) + ")");
    } else {
      into.put(key, v);
    }
  }

  private String labelPointer(String key) {
    return labelsAt + "/" + Requests.pointerToken(key);
  }

  private Double value(Object raw) {
    if (!(raw instanceof Number n)) {
      fail("/value", raw == null ? "value is required" : "value must be a number");
      return null;
    }
    double value = n.doubleValue();
    if (!Double.isFinite(value)) {
      fail("/value", "value must be a finite number");
      return null;
    }
    return value;
  }

  private OffsetDateTime ts(Object raw) {
    if (!(raw instanceof String text)) {
      fail("/ts", raw == null ? "ts is required" : "ts must be a string");
      return null;
    }
    Timestamps.Result result = Timestamps.parse(text);
    if (result instanceof Timestamps.Invalid invalid) {
      fail("/ts", invalid.detail());
      return null;
    }
    return ((Timestamps.Valid) result).time();
  }

  private String source(Object raw) {
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof String s) || s.length() > MAX_SOURCE) {
      fail("/source", "source must be a string of at most " + MAX_SOURCE + " characters");
      return null;
    }
    if (!InputText.isValid(s)) {
      fail("/source", "text " + InputText.problem(s));
      return null;
    }
    return s;
  }

  private void fail(String field, String detail) {
    ok = false;
    problem.error(at + field, detail);
  }
}

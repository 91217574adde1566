package io.pulseboard.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert rule: on the series of {@code metric} whose labels contain {@code labels}, when to
 * fire. Only the fields of its kind are set; the others are null.
 *
 * @param band for {@code goal_band}: {@code warn} (warn or critical) or {@code critical}
 * @param pct for {@code change}: the change vs the previous point, in percent, that fires
 * @param way for {@code change}: {@code either}, {@code up} or {@code down}
 * @param grace for {@code missed_update}: an ISO-8601 duration added to the metric's cadence
 * @param channels ids of the channels notified of each transition
 */
public record AlertRule(Long id, String name, String metric, Map<String, String> labels, Kind kind, Double above,
    Double below, String band, Double pct, String way, String grace, List<Long> channels, boolean enabled) {

  /** What a rule watches. */
  public enum Kind {
    THRESHOLD, GOAL_MET, GOAL_BAND, CHANGE, MISSED_UPDATE;

    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind of(String text) {
      return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public AlertRule {
    labels = Map.copyOf(labels);
    channels = List.copyOf(channels);
  }

  /** The rule with this id. */
  public AlertRule withId(long newId) {
    return new AlertRule(newId, name, metric, labels, kind, above, below, band, pct, way, grace, channels, enabled);
  }

  /** Whether a series with these labels is one this rule watches. */
  public boolean watches(String seriesMetric, Map<String, String> seriesLabels) {
    return metric.equals(seriesMetric) && labels.entrySet().stream()
        .allMatch(e -> e.getValue().equals(seriesLabels.get(e.getKey())));
  }

  /** The rule as the API gives it: the fields of its kind only. */
  public JsonObject toJson() {
    JsonObject labelsJson = new JsonObject();
    new TreeMap<>(labels).forEach(labelsJson::put);
    JsonObject json = new JsonObject().put("id", id).put("name", name).put("metric", metric)
        .put("labels", labelsJson).put("kind", kind.json());
    switch (kind) {
      case THRESHOLD -> {
        putIf(json, "above", above);
        putIf(json, "below", below);
      }
      case GOAL_BAND -> json.put("band", band);
      case CHANGE -> json.put("pct", pct).put("way", way);
      case MISSED_UPDATE -> json.put("grace", grace);
      case GOAL_MET -> { }
    }
    return json.put("channels", new JsonArray(List.copyOf(channels))).put("enabled", enabled);
  }

  private static void putIf(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}

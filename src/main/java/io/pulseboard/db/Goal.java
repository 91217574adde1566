package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;

/**
 * A goal of the series of a metric whose labels contain {@code labels}: reach {@code target}
 * (higher or lower being better), optionally by {@code due} from a baseline, with optional bands.
 *
 * @param id {@code null} for a metric's default goal (its old single {@code goal} number)
 * @param baseline {@code null} when pacing starts from the series' first point
 * @param bands {@code null} when the goal has none
 */
public record Goal(Long id, String metric, Map<String, String> labels, double target, Direction direction,
    LocalDate due, Baseline baseline, Bands bands) {

  /** Which way is good. */
  public enum Direction {
    HIGHER, LOWER;

    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Direction of(String text) {
      return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Where pacing starts from. */
  public record Baseline(double value, LocalDate date) {
    JsonObject toJson() {
      return new JsonObject().put("value", value).put("date", date.toString());
    }
  }

  /**
   * Thresholds of the warn and critical status, each optional, as fractions of the target
   * (progress below them) or as values.
   */
  public record Bands(Double warn, Double critical, boolean fraction) {
    JsonObject toJson() {
      return new JsonObject().put("warn", warn).put("critical", critical).put("unit", fraction ? "fraction" : "value");
    }
  }

  public Goal {
    labels = Map.copyOf(labels);
  }

  /** The default goal of every series of a metric: its old single number, higher is better. */
  public static Goal metricDefault(String metric, double target) {
    return new Goal(null, metric, Map.of(), target, Direction.HIGHER, null, null, null);
  }

  /** The goal as the API gives it; absent parts are null. */
  public JsonObject toJson() {
    JsonObject labelsJson = new JsonObject();
    new java.util.TreeMap<>(labels).forEach(labelsJson::put);
    return new JsonObject()
        .put("id", id)
        .put("metric", metric)
        .put("labels", labelsJson)
        .put("target", target)
        .put("direction", direction.json())
        .put("due", due == null ? null : due.toString())
        .put("baseline", baseline == null ? null : baseline.toJson())
        .put("bands", bands == null ? null : bands.toJson());
  }
}

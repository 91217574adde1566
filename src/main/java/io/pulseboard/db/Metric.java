package io.pulseboard.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/** A tracked metric as users define it. */
public record Metric(
    String id,
    String name,
    String unit,
    String description,
    List<String> labels,
    String cadence,
    String display,
    Double goal,
    String aggregation) {

  /** How a metric's points add up over a period when nothing says otherwise: they do not. */
  public static final String LEVEL = "last";

  /** A metric whose points are levels ({@code aggregation: last}). */
  public Metric(String id, String name, String unit, String description, List<String> labels, String cadence,
      String display, Double goal) {
    this(id, name, unit, description, labels, cadence, display, goal, LEVEL);
  }

  /**
   * What a metric id looks like. The contract ({@code openapi.yaml}) and the page's router
   * ({@code webroot/js/route.js}) carry copies; a test keeps them equal to this one.
   */
  public static final Pattern ID = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("unit", unit)
        .put("description", description)
        .put("labels", new JsonArray(labels))
        .put("cadence", cadence)
        .put("display", display)
        .put("goal", goal)
        .put("aggregation", aggregation);
  }

  /** A metric from a validated request body; {@code id} comes from the path. */
  public static Metric fromJson(String id, JsonObject json) {
    JsonArray labels = json.getJsonArray("labels", new JsonArray());
    return new Metric(id, json.getString("name"), json.getString("unit"), json.getString("description", ""),
        labels.stream().map(String::valueOf).toList(), json.getString("cadence"), json.getString("display"),
        json.getDouble("goal"), json.getString("aggregation", LEVEL));
  }
}

package io.pulseboard.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A tracked metric as users define it. Its name and description are given per language; a label
 * value may have a name per language too ({@link LabelValueNames}).
 */
public record Metric(
    String id,
    LocalizedText name,
    String unit,
    LocalizedText description,
    List<String> labels,
    String cadence,
    String display,
    Double goal,
    LabelValueNames labelValues,
    String aggregation) {

  /** How a metric's points add up over a period when nothing says otherwise: they do not. */
  public static final String LEVEL = "last";

  /**
   * What a metric id looks like. The contract ({@code openapi.yaml}) and the page's router
   * ({@code webroot/js/route.js}) carry copies; a test keeps them equal to this one.
   */
  public static final Pattern ID = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

  /**
   * A metric named and described in the default language only, without label value names, whose
   * points are levels ({@code aggregation: last}).
   */
  public Metric(String id, String name, String unit, String description, List<String> labels, String cadence,
      String display, Double goal) {
    this(id, LocalizedText.of(name), unit, LocalizedText.of(description), labels, cadence, display, goal,
        LabelValueNames.NONE, LEVEL);
  }

  /**
   * The metric as the API serves it: {@code name} and {@code description} stay strings in the
   * default language, so clients that know one language keep working; {@code names},
   * {@code descriptions} and {@code label_values} carry every language.
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name.defaultText())
        .put("names", name.toJson())
        .put("unit", unit)
        .put("description", description.defaultText())
        .put("descriptions", description.toJson())
        .put("labels", new JsonArray(labels))
        .put("label_values", labelValues.toJson())
        .put("cadence", cadence)
        .put("display", display)
        .put("goal", goal)
        .put("aggregation", aggregation);
  }
}

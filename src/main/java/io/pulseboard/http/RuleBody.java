package io.pulseboard.http;

import io.pulseboard.db.AlertRule;
import io.pulseboard.db.Metric;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An alert rule from a request body, with the checks the contract cannot make: the metric and
 * its label keys, the fields each kind needs and only those, a readable grace duration. Whether
 * its channels exist is checked where it is written.
 */
final class RuleBody {
  /** The fields that belong to each kind beyond the common ones. */
  private static final Map<AlertRule.Kind, Set<String>> FIELDS = Map.of(
      AlertRule.Kind.THRESHOLD, Set.of("above", "below"),
      AlertRule.Kind.GOAL_MET, Set.of(),
      AlertRule.Kind.GOAL_BAND, Set.of("band"),
      AlertRule.Kind.CHANGE, Set.of("pct", "way"),
      AlertRule.Kind.MISSED_UPDATE, Set.of("grace"));
  private static final Set<String> KIND_FIELDS = Set.of("above", "below", "band", "pct", "way", "grace");
  /** Longest name. */
  static final int MAX_NAME = 200;

  private RuleBody() {}

  /**
   * The rule the body describes, for {@code metric} ({@code null} when it does not exist); each
   * fault is added to the problem, and the result is meaningless when it has errors.
   */
  static AlertRule parse(JsonObject body, Metric metric, Problem problem) {
    String name = body.getString("name");
    if (Requests.checkText(problem, "/name", name) && (name.isBlank() || name.length() > MAX_NAME)) {
      problem.error("/name", "a name has 1 to " + MAX_NAME + " characters, not only spaces");
    }
    String metricId = body.getString("metric");
    Map<String, String> labels = LabelsBody.parse(body.getJsonObject("labels"), metricId, metric, problem);
    AlertRule.Kind kind = AlertRule.Kind.of(body.getString("kind"));
    for (String field : KIND_FIELDS) {
      if (body.containsKey(field) && !FIELDS.get(kind).contains(field)) {
        problem.error("/" + field, field + " does not apply to a " + kind.json() + " rule");
      }
    }
    Double above = kind == AlertRule.Kind.THRESHOLD ? optional(body, "above", problem) : null;
    Double below = kind == AlertRule.Kind.THRESHOLD ? optional(body, "below", problem) : null;
    if (kind == AlertRule.Kind.THRESHOLD) {
      threshold(above, below, problem);
    }
    String band = kind == AlertRule.Kind.GOAL_BAND ? required(body, "band", problem) : null;
    Double pct = kind == AlertRule.Kind.CHANGE ? pct(body, problem) : null;
    String way = kind == AlertRule.Kind.CHANGE ? body.getString("way", "either") : null;
    String grace = kind == AlertRule.Kind.MISSED_UPDATE ? grace(body.getString("grace", "PT0S"), problem) : null;
    return new AlertRule(null, name, metricId, labels, kind, above, below, band, pct, way, grace,
        channels(body.getJsonArray("channels")), body.getBoolean("enabled", true));
  }

  private static void threshold(Double above, Double below, Problem problem) {
    if (above == null && below == null) {
      problem.error("/above", "a threshold rule needs above, below or both");
    } else if (above != null && below != null && below >= above) {
      problem.error("/below", "below (" + below + ") must be less than above (" + above + "): the rule fires "
          + "outside the range between them");
    }
  }

  private static Double optional(JsonObject body, String key, Problem problem) {
    return body.containsKey(key) ? GoalBody.finite(body, key, "/" + key, problem) : null;
  }

  private static String required(JsonObject body, String key, Problem problem) {
    String value = body.getString(key);
    if (value == null) {
      problem.error("/" + key, "a goal_band rule needs " + key + ": warn (warn or worse) or critical");
    }
    return value;
  }

  private static Double pct(JsonObject body, Problem problem) {
    if (!body.containsKey("pct")) {
      problem.error("/pct", "a change rule needs pct, the percent change vs the previous point that fires it");
      return null;
    }
    double pct = GoalBody.finite(body, "pct", "/pct", problem);
    if (pct <= 0) {
      problem.error("/pct", "pct must be more than 0");
    }
    return pct;
  }

  private static String grace(String text, Problem problem) {
    try {
      Duration grace = Duration.parse(text);
      if (grace.isNegative() || grace.compareTo(Duration.ofDays(3660)) > 0) {
        problem.error("/grace", "grace must be between PT0S and about ten years");
      }
    } catch (DateTimeParseException e) {
      problem.error("/grace", "'" + text + "' is not an ISO-8601 duration of days, hours, minutes or seconds, "
          + "e.g. PT1H or P2D");
    }
    return text;
  }

  private static List<Long> channels(JsonArray json) {
    List<Long> ids = new ArrayList<>();
    if (json != null) {
      json.forEach(id -> ids.add(((Number) id).longValue()));
    }
    return List.copyOf(new LinkedHashSet<>(ids));
  }
}

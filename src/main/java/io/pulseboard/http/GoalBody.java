package io.pulseboard.http;

import io.pulseboard.db.Goal;
import io.pulseboard.db.Metric;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A goal from a request body ({@code POST /api/v1/goals}, {@code PUT /api/v1/goals/{id}}), with
 * the checks the contract cannot make: the metric and its label keys, finite numbers, the due
 * date after the baseline's, bands ordered the way the direction reads them.
 */
final class GoalBody {
  private GoalBody() {}

  /**
   * The goal the body describes, for {@code metric} ({@code null} when it does not exist); each
   * fault is added to the problem, and the result is meaningless when it has errors.
   */
  static Goal parse(JsonObject body, Metric metric, Problem problem) {
    String metricId = body.getString("metric");
    Map<String, String> labels = LabelsBody.parse(body.getJsonObject("labels"), metricId, metric, problem);
    double target = finite(body, "target", "/target", problem);
    Goal.Direction direction = Goal.Direction.of(body.getString("direction"));
    LocalDate due = date(body.getString("due"), "/due", problem);
    Goal.Baseline baseline = baseline(body.getJsonObject("baseline"), problem);
    if (due != null && baseline != null && !due.isAfter(baseline.date())) {
      problem.error("/due", "the due date " + due + " must come after the baseline's date " + baseline.date());
    }
    if (baseline != null && due == null) {
      problem.error("/baseline", "a baseline is where pacing starts: it needs a due date");
    }
    Goal.Bands bands = bands(body.getJsonObject("bands"), direction, target, problem);
    return new Goal(null, metricId, labels, target, direction, due, baseline, bands);
  }

  private static Goal.Baseline baseline(JsonObject json, Problem problem) {
    if (json == null) {
      return null;
    }
    double value = finite(json, "value", "/baseline/value", problem);
    LocalDate date = date(json.getString("date"), "/baseline/date", problem);
    return date == null ? null : new Goal.Baseline(value, date);
  }

  private static Goal.Bands bands(JsonObject json, Goal.Direction direction, double target, Problem problem) {
    if (json == null) {
      return null;
    }
    Double warn = json.containsKey("warn") ? finite(json, "warn", "/bands/warn", problem) : null;
    Double critical = json.containsKey("critical") ? finite(json, "critical", "/bands/critical", problem) : null;
    boolean fraction = !"value".equals(json.getString("unit"));
    if (warn == null && critical == null) {
      problem.error("/bands", "bands need a warn or a critical threshold, or leave bands out");
      return null;
    }
    if (fraction) {
      fractionBands(warn, critical, target, problem);
    } else {
      valueBands(warn, critical, direction, target, problem);
    }
    return new Goal.Bands(warn, critical, fraction);
  }

  private static void fractionBands(Double warn, Double critical, double target, Problem problem) {
    if (target <= 0) {
      problem.error("/bands/unit", "bands as fractions of the target need a positive target; use unit value");
    }
    inRange(warn, "/bands/warn", problem);
    inRange(critical, "/bands/critical", problem);
    if (warn != null && critical != null && critical >= warn) {
      problem.error("/bands/critical", "critical (" + critical + ") must be a smaller fraction than warn (" + warn + ")");
    }
  }

  private static void inRange(Double fraction, String pointer, Problem problem) {
    if (fraction != null && (fraction <= 0 || fraction >= 1)) {
      problem.error(pointer, "a band as a fraction of the target is between 0 and 1 (exclusive), e.g. 0.9");
    }
  }

  private static void valueBands(Double warn, Double critical, Goal.Direction direction, double target,
      Problem problem) {
    boolean higher = direction == Goal.Direction.HIGHER;
    String side = higher ? "below" : "above";
    if (warn != null && (higher ? warn >= target : warn <= target)) {
      problem.error("/bands/warn", "with direction " + direction.json() + ", warn must be " + side + " the target");
    }
    if (critical != null && (higher ? critical >= target : critical <= target)) {
      problem.error("/bands/critical", "with direction " + direction.json() + ", critical must be " + side
          + " the target");
    }
    if (warn != null && critical != null && (higher ? critical >= warn : critical <= warn)) {
      problem.error("/bands/critical", "with direction " + direction.json() + ", critical must be " + side + " warn");
    }
  }

  /** A number that must be finite (a huge literal reads as infinity). */
  static double finite(JsonObject json, String key, String pointer, Problem problem) {
    Number n = json.getNumber(key);
    double v = n == null ? Double.NaN : n.doubleValue();
    if (!Double.isFinite(v)) {
      problem.error(pointer, key + " must be a finite number");
      return 0;
    }
    return v;
  }

  private static LocalDate date(String text, String pointer, Problem problem) {
    if (text == null) {
      return null;
    }
    try {
      LocalDate date = LocalDate.parse(text);
      if (date.getYear() < 1000 || date.getYear() > 9999) {
        problem.error(pointer, "a date has a four-digit year");
        return null;
      }
      return date;
    } catch (DateTimeParseException e) {
      problem.error(pointer, "'" + text + "' is not a date such as 2026-12-31");
      return null;
    }
  }
}

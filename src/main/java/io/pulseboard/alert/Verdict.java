package io.pulseboard.alert;

import io.pulseboard.db.AlertRule;
import io.pulseboard.db.Goal;
import io.pulseboard.db.SeriesSnapshot;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a rule says of a series now: firing or not, and a one-line summary that reads the same in
 * the alert list, the event and the notification.
 *
 * @param goal the series' goal, or {@code null}
 */
record Verdict(boolean firing, String summary, Goal goal, GoalStatus.Pacing pacing) {

  /** The verdict of a rule on a series' snapshot, with its goal (or {@code null}) as of {@code today}. */
  static Verdict of(AlertRule rule, SeriesSnapshot s, Goal goal, LocalDate today) {
    String who = s.metric() + describe(s.labelMap());
    GoalStatus.Pacing pacing = goal == null ? null
        : GoalStatus.pacing(goal, s.value(), today, AlertBook.first(s.firstTs(), s.firstValue()));
    return switch (rule.kind()) {
      case THRESHOLD -> threshold(rule, s, who, goal, pacing);
      case GOAL_MET -> goalMet(s, who, goal, pacing);
      case GOAL_BAND -> goalBand(rule, s, who, goal, pacing);
      case CHANGE -> change(rule, s, who, goal, pacing);
      case MISSED_UPDATE -> missed(rule, s, who, goal, pacing);
    };
  }

  private static Verdict threshold(AlertRule r, SeriesSnapshot s, String who, Goal g, GoalStatus.Pacing p) {
    double v = s.value();
    if (r.above() != null && v > r.above()) {
      return new Verdict(true, who + " " + num(v) + " above " + num(r.above()), g, p);
    }
    if (r.below() != null && v < r.below()) {
      return new Verdict(true, who + " " + num(v) + " below " + num(r.below()), g, p);
    }
    return new Verdict(false, who + " " + num(v) + " is back within its threshold", g, p);
  }

  private static Verdict goalMet(SeriesSnapshot s, String who, Goal g, GoalStatus.Pacing p) {
    if (g == null) {
      return new Verdict(false, who + " has no goal", null, null);
    }
    boolean met = GoalStatus.status(g, s.value()) == GoalStatus.Status.MET;
    return new Verdict(met, who + " " + num(s.value()) + (met ? " met its goal " : " no longer meets its goal ")
        + num(g.target()), g, p);
  }

  private static Verdict goalBand(AlertRule r, SeriesSnapshot s, String who, Goal g, GoalStatus.Pacing p) {
    if (g == null) {
      return new Verdict(false, who + " has no goal", null, null);
    }
    GoalStatus.Status status = GoalStatus.status(g, s.value());
    boolean in = status.severity() >= ("critical".equals(r.band()) ? 2 : 1);
    return new Verdict(in, who + " " + num(s.value()) + " is " + status.json() + " against its goal "
        + num(g.target()), g, p);
  }

  private static Verdict change(AlertRule r, SeriesSnapshot s, String who, Goal g, GoalStatus.Pacing p) {
    if (s.previous() == null || s.previous() == 0) {
      return new Verdict(false, who + " has no previous point to compare with", g, p);
    }
    double pct = (s.value() / s.previous() - 1) * 100;
    boolean fires = switch (r.way()) {
      case "up" -> pct > r.pct();
      case "down" -> pct < -r.pct();
      default -> Math.abs(pct) > r.pct();
    };
    String signed = (pct >= 0 ? "+" : "") + num(pct) + "%";
    return new Verdict(fires, who + " changed " + signed + " vs the previous point (" + num(s.previous()) + " → "
        + num(s.value()) + "; the rule fires past " + num(r.pct()) + "% " + r.way() + ")", g, p);
  }

  private static Verdict missed(AlertRule r, SeriesSnapshot s, String who, Goal g, GoalStatus.Pacing p) {
    double grace = Duration.parse(r.grace()).toMillis() / 1000.0;
    boolean missed = s.ageSeconds() > s.cadenceSeconds() + grace;
    String age = Duration.ofSeconds((long) s.ageSeconds()).toString();
    return new Verdict(missed, missed
        ? who + " has had no new point for " + age + " (cadence plus grace " + r.grace() + ")"
        : who + " has a new point", g, p);
  }

  /** {@code " (region=kr)"}, or nothing for a series without labels. */
  static String describe(Map<String, String> labels) {
    return labels.isEmpty() ? "" : new TreeMap<>(labels).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", " (", ")"));
  }

  /** A number with at most six significant digits and no trailing zeros. */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}

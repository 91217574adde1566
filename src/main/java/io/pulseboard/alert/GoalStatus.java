package io.pulseboard.alert;

import io.pulseboard.db.Goal;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Where a series' latest value stands against its goal: its status and, when the goal has a due
 * date, its pacing (the value it should have today on a straight line from the baseline to the
 * target). Written once here; the page's {@code goal.js} follows the same rules, and both are
 * tested against {@code goal-cases.json}.
 */
public final class GoalStatus {
  /** A series' status against its goal. */
  public enum Status {
    OK, WARN, CRITICAL, MET;

    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** How bad it is: ok and met 0, warn 1, critical 2. */
    public int severity() {
      return this == WARN ? 1 : this == CRITICAL ? 2 : 0;
    }
  }

  /** How far along the straight line to the target the series is today. */
  public record Pacing(double expected, double delta, boolean ahead) {
    public JsonObject toJson() {
      return new JsonObject().put("expected", expected).put("delta", delta).put("ahead", ahead);
    }
  }

  /** A series' first point: where pacing starts when the goal has no baseline. */
  public record First(double value, LocalDate date) {}

  private GoalStatus() {}

  /** The status of value {@code v} against the goal. */
  public static Status status(Goal goal, double v) {
    boolean higher = goal.direction() == Goal.Direction.HIGHER;
    if (higher ? v >= goal.target() : v <= goal.target() || v <= 0) {
      return Status.MET;
    }
    Goal.Bands bands = goal.bands();
    if (bands == null) {
      return Status.OK;
    }
    if (bands.fraction()) {
      double progress = higher ? v / goal.target() : goal.target() / v;
      return below(progress, bands.critical()) ? Status.CRITICAL : below(progress, bands.warn()) ? Status.WARN : Status.OK;
    }
    if (higher) {
      return below(v, bands.critical()) ? Status.CRITICAL : below(v, bands.warn()) ? Status.WARN : Status.OK;
    }
    return above(v, bands.critical()) ? Status.CRITICAL : above(v, bands.warn()) ? Status.WARN : Status.OK;
  }

  /**
   * The pacing of value {@code v} on {@code today} (a UTC day), or {@code null} when the goal has
   * no due date, or neither a baseline nor a first point to start from.
   */
  public static Pacing pacing(Goal goal, double v, LocalDate today, First first) {
    if (goal.due() == null || (goal.baseline() == null && first == null)) {
      return null;
    }
    double startValue = goal.baseline() != null ? goal.baseline().value() : first.value();
    LocalDate start = goal.baseline() != null ? goal.baseline().date() : first.date();
    long span = ChronoUnit.DAYS.between(start, goal.due());
    double f = span <= 0 ? 1 : Math.max(0, Math.min(1, (double) ChronoUnit.DAYS.between(start, today) / span));
    double expected = startValue + (goal.target() - startValue) * f;
    double delta = v - expected;
    boolean ahead = goal.direction() == Goal.Direction.HIGHER ? delta >= 0 : delta <= 0;
    return new Pacing(expected, delta, ahead);
  }

  /** The goal as a series in {@code GET /api/v1/metrics} carries it: its fields, status and pacing. */
  public static JsonObject json(Goal goal, double v, LocalDate today, First first) {
    Pacing pacing = pacing(goal, v, today, first);
    return goal.toJson().put("status", status(goal, v).json()).put("pacing", pacing == null ? null : pacing.toJson());
  }

  private static boolean below(double x, Double limit) {
    return limit != null && x < limit;
  }

  private static boolean above(double x, Double limit) {
    return limit != null && x > limit;
  }
}

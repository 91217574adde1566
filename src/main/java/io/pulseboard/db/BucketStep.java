package io.pulseboard.db;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * How history points are grouped: a calendar unit (a month, a quarter, a year) or a fixed length.
 * Buckets start where the query's time zone says: calendar units and fixed lengths of whole days
 * (a day, a week, 14 days) start at local midnight, so a day across a change to or from daylight
 * saving time lasts 23 or 25 hours, and weeks start on Mondays. Lengths that are not whole days
 * (e.g. {@code PT1H}, {@code PT36H}) are elapsed time counted from local midnight of Monday
 * 2000-01-03 in the zone; they do not shift when the zone's offset does.
 *
 * @param fixed the length of a fixed step, or {@code null} for a calendar unit
 * @param unit a {@code date_trunc} field ({@code month}, {@code quarter}, {@code year}), or
 *     {@code null} for a fixed step
 */
public record BucketStep(Duration fixed, String unit) {
  private static final long DAY_SECONDS = 86_400;
  private static final long HOUR_SECONDS = 3_600;
  /** Where steps of elapsed time start counting, in the query's zone. */
  private static final LocalDateTime ORIGIN = LocalDateTime.of(2000, 1, 3, 0, 0);

  /** A calendar step: {@code month}, {@code quarter} or {@code year}. */
  public static BucketStep calendar(String unit) {
    return new BucketStep(null, unit);
  }

  /** A step of this fixed length (whole seconds). */
  public static BucketStep of(Duration fixed) {
    return new BucketStep(fixed, null);
  }

  /** Whether buckets follow the zone's calendar (local midnights) rather than elapsed time. */
  boolean followsCalendar() {
    return unit != null || fixed.getSeconds() % DAY_SECONDS == 0;
  }

  /**
   * The SQL expression of the start of the bucket holding the instant {@code ts} (an SQL
   * expression); {@code step} and {@code zone} are the placeholders of {@link #parameter()} and
   * the zone name.
   */
  String sql(String ts, String step, String zone) {
    if (unit != null) {
      return "date_trunc(" + step + "::text, " + ts + ", " + zone + "::text)";
    }
    if (followsCalendar()) {
      return "(date_bin(" + step + "::text::interval, (" + ts + ") AT TIME ZONE " + zone
          + "::text, '2000-01-03 00:00:00'::timestamp) AT TIME ZONE " + zone + "::text)";
    }
    return "date_bin(" + step + "::text::interval, " + ts + ", '2000-01-03 00:00:00'::timestamp AT TIME ZONE "
        + zone + "::text)";
  }

  /**
   * Whether buckets are long enough that most of their UTC days lie wholly inside one bucket, so
   * that the daily totals of {@code point_days} (V010) answer for those days.
   */
  boolean spansDays() {
    return unit != null || fixed.getSeconds() % DAY_SECONDS == 0 && fixed.getSeconds() >= 7 * DAY_SECONDS;
  }

  /**
   * Whether the daily totals answer for this step in this zone: steps that {@link #spansDays()},
   * and steps of whole days in a zone whose midnights are UTC midnights (UTC, GMT), where every
   * UTC day lies wholly inside one bucket; a year of daily buckets then reads 365 rows, not every
   * point. Elsewhere a one-day bucket cuts two UTC days and the points answer.
   */
  boolean rollsUp(String zone) {
    return spansDays() || followsCalendar() && utcMidnights(zone);
  }

  /**
   * The totals that answer for this step in this zone, or {@code null} when the points must: the
   * daily ones where they {@link #rollsUp roll up}; else, for whole days and calendar units in any
   * other zone, the hourly ones, since a local midnight is a whole UTC hour wherever the offset
   * is a whole number of hours (Seoul, New York on either side of a change to or from daylight
   * saving time). Where it is not (Kolkata, +05:30), each bucket edge cuts an hour, whose points
   * are read one by one: still exact, and 2 hours of points a day instead of 24. Steps of elapsed
   * time that are whole hours ({@code PT1H}, {@code PT6H}) read the hourly totals where their
   * origin, local midnight of 2000-01-03, is a whole UTC hour; elsewhere every edge would cut an
   * hour, and the points answer.
   */
  Totals totals(String zone) {
    if (rollsUp(zone)) {
      return Totals.DAYS;
    }
    if (followsCalendar() || fixed.getSeconds() % HOUR_SECONDS == 0 && originOnUtcHour(zone)) {
      return Totals.HOURS;
    }
    return null;
  }

  private static boolean originOnUtcHour(String zone) {
    try {
      return ZoneId.of(zone).getRules().getOffset(ORIGIN).getTotalSeconds() % HOUR_SECONDS == 0;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean utcMidnights(String zone) {
    try {
      ZoneRules rules = ZoneId.of(zone).getRules();
      return rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).getTotalSeconds() == 0;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /**
   * For steps that {@link #totals totals} answer: the start of the bucket holding a local time (an SQL
   * {@code timestamp} without zone), in local time.
   */
  String localStart(String local, String step) {
    return unit != null ? "date_trunc(" + step + "::text, " + local + ")"
        : "date_bin(" + step + "::text::interval, " + local + ", '2000-01-03 00:00:00'::timestamp)";
  }

  /** For steps that {@link #totals totals} answer: the distance between bucket starts in local time. */
  String localInterval() {
    if (unit == null) {
      return parameter();
    }
    return switch (unit) {
      case "month" -> "1 month";
      case "quarter" -> "3 months";
      default -> "1 year";
    };
  }

  /** The value bound to the step placeholder: the calendar field, or the length in seconds. */
  String parameter() {
    return unit != null ? unit : fixed.getSeconds() + " seconds";
  }
}

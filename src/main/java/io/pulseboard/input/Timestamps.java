package io.pulseboard.input;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of times sent to Pulseboard: RFC 3339 {@code date-time} and nothing else, and
 * only what the store keeps exactly. Java's ISO parser also took {@code +10000-01-01T00:00:00Z}
 * and {@code -0001-…} (ISO 8601 expanded years), which came back in history as strings browsers
 * cannot parse; and PostgreSQL keeps microseconds, so two times 100 ns apart became one point.
 *
 * <p>Accepted: {@code YYYY-MM-DD}, {@code T} or {@code t}, {@code hh:mm:ss}, an optional
 * fraction, then {@code Z}, {@code z} or {@code ±hh:mm}. Refused: other shapes, dates that do
 * not exist, leap seconds ({@code :60}, which PostgreSQL would roll into the next minute),
 * offsets beyond ±18:00, times outside the years 0000–9999 once in UTC (history answers in
 * UTC), and fractions finer than a microsecond (digits after the sixth must be zeros, so
 * {@code .1234560} from a 7-digit clock is fine).
 */
public final class Timestamps {
  /** An example for error messages and documentation. */
  public static final String EXAMPLE = "2025-09-10T00:00:00Z";
  private static final Pattern RFC_3339 = Pattern.compile(
      "([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})"
          + "(?:\\.([0-9]{1,6})([0-9]*))?([Zz]|([+-])([0-9]{2}):([0-9]{2}))");
  private static final int MAX_SECOND = 59;
  /** Microseconds that one unit of a fraction of {@code i} digits is worth. */
  private static final int[] MICROS_PER_PLACE = {0, 100_000, 10_000, 1_000, 100, 10, 1};

  /** What reading a time gave: a time, or why there is none. */
  public sealed interface Result permits Valid, Invalid {}

  /** A time the store keeps exactly. */
  public record Valid(OffsetDateTime time) implements Result {}

  /** Why the text is refused, as a sentence about the text. */
  public record Invalid(String detail) implements Result {}

  private Timestamps() {}

  /** Reads one time; never throws. */
  public static Result parse(String text) {
    OffsetDateTime common = common(text);
    return common != null ? new Valid(common) : fully(text);
  }

  /**
   * The shape nearly every producer sends, {@code YYYY-MM-DDThh:mm:ss} with up to six fractional
   * digits and {@code Z}, read without the pattern (which took a seventh of the server's time on
   * batches of 1000); {@code null} for anything else, or anything it would refuse, which
   * {@link #fully} then reads, so both give the same answer for every text.
   */
  static OffsetDateTime common(String text) {
    int n = text.length();
    if (n < 20 || n > 27 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(13) != ':'
        || text.charAt(16) != ':' || !either(text.charAt(10), 'T', 't') || !either(text.charAt(n - 1), 'Z', 'z')) {
      return null;
    }
    int second = digits(text, 17, 2);
    int nanos = 0;
    if (n > 20) {
      int places = n - 21;
      int fraction = text.charAt(19) == '.' && places > 0 ? digits(text, 20, places) : -1;
      if (fraction < 0) {
        return null;
      }
      nanos = fraction * MICROS_PER_PLACE[places] * 1000;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    if ((year | month | day | hour | minute | second) < 0 || second > MAX_SECOND) {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean either(char c, char one, char other) {
    return c == one || c == other;
  }

  /** The ASCII digits at {@code from} as a number, or -1 when one of them is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Reads one time by the pattern, with a reason for every text it refuses. */
  static Result fully(String text) {
    Matcher m = RFC_3339.matcher(text);
    if (!m.matches()) {
      return invalid(text, "is not an RFC 3339 time: use YYYY-MM-DDThh:mm:ss with an optional fraction and Z or "
          + "±hh:mm, with a four-digit year, e.g. " + EXAMPLE);
    }
    if (m.group(8) != null && !m.group(8).chars().allMatch(c -> c == '0')) {
      return invalid(text, "is finer than a microsecond, which is not stored: send at most 6 fractional digits "
          + "(digits after the sixth must be 0)");
    }
    if (Integer.parseInt(m.group(6)) > MAX_SECOND) {
      return invalid(text, "is a leap second, which is not stored: use :59 or the next minute");
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.of(local(m), offset(m));
    } catch (DateTimeException e) {
      return invalid(text, "is not a real time (month 01-12, a day the month has, hour 00-23, minute 00-59, "
          + "offset within ±18:00)");
    }
    int utcYear = time.withOffsetSameInstant(ZoneOffset.UTC).getYear();
    if (utcYear < 0 || utcYear > 9999) {
      return invalid(text, "falls outside the years 0000-9999 in UTC, in which times are stored and returned");
    }
    return new Valid(time);
  }

  /** The time, or {@code null} when {@link #parse} refuses the text. */
  public static OffsetDateTime parseOrNull(String text) {
    return parse(text) instanceof Valid v ? v.time() : null;
  }

  private static LocalDateTime local(Matcher m) {
    String fraction = m.group(7) == null ? "" : m.group(7);
    int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000").substring(0, 6)) * 1000;
    return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos);
  }

  private static ZoneOffset offset(Matcher m) {
    if (m.group(10) == null) {
      return ZoneOffset.UTC;
    }
    int sign = m.group(10).equals("-") ? -1 : 1;
    int minutes = Integer.parseInt(m.group(12));
    if (minutes > MAX_SECOND) {
      throw new DateTimeException("offset minutes");
    }
    return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(11)), sign * minutes);
  }

  private static Invalid invalid(String text, String why) {
    return new Invalid(InputText.quote(text) + " " + why);
  }
}

package io.pulseboard.db;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant as {@link Instant#toString()} writes it ({@code 2025-12-02T00:00:00Z}, with
 * {@code .123}, {@code .123456} or {@code .123456789} when the second has a fraction), written
 * without the general formatter: raw history and live updates write two times a point, and the
 * formatter's cost was the largest part of writing a month of minutely points as JSON
 * (docs/performance.md). Years outside 0000-9999, which the store does not keep, go to
 * {@code toString}.
 */
public final class InstantText {
  private static final long SECONDS_PER_DAY = 86_400;
  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
  private static final long MIN_SECONDS = -62_167_219_200L;
  private static final long MAX_SECONDS = 253_402_300_799L;

  private InstantText() {}

  public static String of(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      return t.toString();
    }
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(days);
    int year = date.getYear();
    int month = date.getMonthValue();
    int day = date.getDayOfMonth();

    int nanos = t.getNano();
    int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    char[] c = new char[20 + (digits == 0 ? 0 : digits + 1)];
    put(c, 0, year, 4);
    c[4] = '-';
    put(c, 5, month, 2);
    c[7] = '-';
    put(c, 8, day, 2);
    c[10] = 'T';
    put(c, 11, secondOfDay / 3600, 2);
    c[13] = ':';
    put(c, 14, secondOfDay / 60 % 60, 2);
    c[16] = ':';
    put(c, 17, secondOfDay % 60, 2);
    int at = 19;
    if (digits > 0) {
      c[at++] = '.';
      put(c, at, digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos, digits);
      at += digits;
    }
    c[at] = 'Z';
    return new String(c);
  }

  /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
  private static void put(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}

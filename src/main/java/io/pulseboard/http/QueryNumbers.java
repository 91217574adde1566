package io.pulseboard.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whole-number query parameters, read exactly. The contract's validator checks their type and
 * bounds first, but it compares numbers as numbers: it lets through forms a long does not parse
 * ({@code 1e3}, {@code 1.0}) and values just past the largest long, which it cannot tell apart
 * from it. Anything but one run of decimal digits that fits is a 422 naming the parameter.
 */
final class QueryNumbers {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private QueryNumbers() {}

  /** The parameter as a long, or {@code absent} when it is not given. */
  static long wholeNumber(RoutingContext ctx, String name, long absent) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return absent;
    }
    if (values.size() > 1) {
      throw invalid(name, "'" + name + "' is given " + values.size() + " times; give it once");
    }
    String text = values.get(0);
    if (!DIGITS.matcher(text).matches()) {
      throw invalid(name, "'" + text + "' is not a whole number written in decimal digits");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid(name, "'" + text + "' is out of range; the largest value is " + Long.MAX_VALUE);
    }
  }

  /** The parameter as an int, or {@code absent} when it is not given. */
  static int wholeInt(RoutingContext ctx, String name, int absent) {
    long value = wholeNumber(ctx, name, absent);
    if (value > Integer.MAX_VALUE) {
      throw invalid(name, "'" + value + "' is out of range; the largest value is " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  private static Problem invalid(String name, String detail) {
    return Problem.invalid("the parameter " + name + " is invalid").error(name, detail);
  }
}

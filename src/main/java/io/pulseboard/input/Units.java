package io.pulseboard.input;

import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a metric's {@code unit} may be, and what kind of number it makes: an ISO 4217 currency
 * code ({@code KRW}, {@code USD}) is money, {@code %} a percentage, {@code x} a multiple, and any
 * other word a count of things ({@code users}, {@code offices}, {@code 명}) shown after the number
 * as written. Three capital letters are always read as a currency code, so a mistyped code
 * ({@code KRX}) is refused instead of being shown as a word. Any other text is taken as the
 * word of a count, by the same rules as all text ({@link InputText}).
 */
public final class Units {
  /** How a unit's numbers are read. */
  public enum Kind { CURRENCY, PERCENT, MULTIPLE, COUNT }

  /** What reads as a currency code; the page ({@code webroot/js/format.js}) has a copy, a test keeps them equal. */
  public static final Pattern CURRENCY_FORM = Pattern.compile("^[A-Z]{3}$");
  private static final Set<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  private Units() {}

  /** The kind of a valid unit. */
  public static Kind kind(String unit) {
    if (unit.equals("%")) {
      return Kind.PERCENT;
    }
    if (unit.equals("x")) {
      return Kind.MULTIPLE;
    }
    return CURRENCY_FORM.matcher(unit).matches() ? Kind.CURRENCY : Kind.COUNT;
  }

  /** Why this is not a unit Pulseboard takes, or null when it is one. */
  public static String problem(String unit) {
    String text = InputText.problem(unit);
    if (text != null) {
      return "text " + text;
    }
    if (CURRENCY_FORM.matcher(unit).matches() && !CURRENCIES.contains(unit)) {
      return "'" + unit + "' is not an ISO 4217 currency code (three capital letters are read as one)";
    }
    return null;
  }
}

package io.pulseboard.input;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which languages a name may be given in: a BCP 47 tag of the form {@code language[-Script][-REGION]},
 * written in its canonical case, e.g. {@code en}, {@code ko}, {@code ja}, {@code zh-Hant},
 * {@code pt-BR}, {@code es-419}. The language is a two-letter ISO 639-1 code, the script four
 * letters, the region an ISO 3166-1 code or a three-digit UN M.49 area. One spelling per language
 * keeps the keys of a name unique ({@code EN} and {@code en} would otherwise both be English).
 */
public final class LanguageTags {
  /** The form of a tag; the contract ({@code openapi.yaml}) carries a copy, a test keeps them equal. */
  public static final Pattern TAG = Pattern.compile("^([a-z]{2})(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$");
  /** The language every name has: what clients that know only one language get. */
  public static final String DEFAULT = "en";
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
  private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

  private LanguageTags() {}

  /** Why the key is not a language tag Pulseboard takes, or null when it is one. */
  public static String problem(String tag) {
    Matcher m = TAG.matcher(tag);
    if (!m.matches()) {
      return "'" + tag + "' is not a language tag such as en, ko, ja, zh-Hant or pt-BR"
          + " (language in lower case, Script in title case, REGION in upper case)";
    }
    if (!LANGUAGES.contains(m.group(1))) {
      return "'" + m.group(1) + "' is not an ISO 639-1 language code";
    }
    String region = m.group(4);
    if (region != null && Character.isLetter(region.charAt(0)) && !REGIONS.contains(region)) {
      return "'" + region + "' is not an ISO 3166-1 region code";
    }
    return null;
  }
}

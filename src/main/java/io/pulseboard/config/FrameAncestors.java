package io.pulseboard.config;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value of {@code PULSEBOARD_FRAME_ANCESTORS}: a comma list of origins that may frame the page
 * ({@code https://intranet.example.com}, {@code http://10.0.0.5:8080}) or {@code 'self'}. Each goes
 * into the CSP header as written, so only these exact shapes pass: no paths, no wildcards, nothing
 * that could end the directive.
 */
final class FrameAncestors {
  private static final Pattern ORIGIN =
      Pattern.compile("https?://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?");

  private FrameAncestors() {}

  static List<String> parse(String value) {
    List<String> sources = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String source : sources) {
      if (!source.equals("'self'") && !ORIGIN.matcher(source).matches()) {
        throw new IllegalArgumentException("has '" + source
            + "', which is not an origin like https://intranet.example.com or 'self'");
      }
    }
    return sources.stream().map(s -> s.equals("'self'") ? s : s.toLowerCase(java.util.Locale.ROOT)).toList();
  }
}

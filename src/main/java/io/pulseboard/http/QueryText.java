package io.pulseboard.http;

import io.pulseboard.input.InputText;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Checks the text of a query string before its parameters are used. The router decodes
 * percent-escapes leniently: {@code %FF} and {@code %ED%A0%80} both became U+FFFD, so a filter
 * could match text nobody sent, and {@code %00} reached PostgreSQL as NUL (a 500). Here every
 * name and value must be UTF-8 once decoded, and text the store can hold; else a 422 naming
 * the parameter.
 */
final class QueryText {
  private QueryText() {}

  /** Fails with a 422 naming the first parameter whose name or value is not valid text. */
  static void check(RoutingContext ctx) {
    String query = ctx.request().query();
    if (query == null || query.isEmpty()) {
      return;
    }
    Problem problem = Problem.invalid("a query parameter is not valid text");
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      String pointer = name == null || !InputText.isValid(name) ? InputText.quote(lenient(rawName)) : name;
      if (name == null || value == null) {
        problem.error(pointer, "the parameter is not UTF-8 once percent-decoded");
      } else if (!InputText.isValid(name)) {
        problem.error(pointer, "the parameter name " + InputText.problem(name));
      } else {
        Requests.checkText(problem, name, value);
      }
    }
    if (problem.hasErrors()) {
      throw problem;
    }
  }

  /** The percent-decoded text, or {@code null} when its bytes are not UTF-8. */
  private static String decode(String raw) {
    return InputText.strictUtf8(bytes(raw));
  }

  private static String lenient(String raw) {
    return new String(bytes(raw), StandardCharsets.UTF_8);
  }

  /** The bytes a raw query part stands for: {@code %XX} escapes and {@code +} as a space. */
  private static byte[] bytes(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      int hex = i + 2 < raw.length() && c == '%' ? hexByte(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
      if (hex >= 0) {
        out.write(hex);
        i += 2;
      } else {
        out.write(c == '+' ? ' ' : c & 0xFF);
      }
    }
    return out.toByteArray();
  }

  private static int hexByte(char high, char low) {
    int h = Character.digit(high, 16);
    int l = Character.digit(low, 16);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }
}

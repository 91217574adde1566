package io.pulseboard.http;

import io.pulseboard.db.LocalizedText;
import io.pulseboard.input.LanguageTags;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A board's text from a request body: a plain string (English) or an object of language tag →
 * text that has {@code en}, each text storable ({@code InputText}), not blank and at most so many
 * characters. Faults go to the problem with their JSON pointers.
 */
final class BoardText {
  private BoardText() {}

  /** The text, or null after adding its faults to the problem. */
  static LocalizedText parse(Problem problem, String pointer, Object value, int max) {
    if (value instanceof String s) {
      return checked(problem, pointer, s, max) ? LocalizedText.of(s) : null;
    }
    if (!(value instanceof JsonObject object) || object.isEmpty()) {
      problem.error(pointer, "give a string (English) or an object of language → text with '"
          + LanguageTags.DEFAULT + "', e.g. {\"en\": \"Korea launch\", \"ko\": \"한국 출범\"}");
      return null;
    }
    int before = problem.errorCount();
    Map<String, String> texts = new LinkedHashMap<>();
    object.forEach(e -> {
      String at = pointer + "/" + Requests.pointerToken(e.getKey());
      String why = Requests.checkText(problem, at, e.getKey()) ? LanguageTags.problem(e.getKey()) : null;
      if (why != null) {
        problem.error(at, why);
      } else if (!(e.getValue() instanceof String s)) {
        problem.error(at, "the text in a language is a string");
      } else if (checked(problem, at, s, max)) {
        texts.put(e.getKey(), s);
      }
    });
    if (!object.containsKey(LanguageTags.DEFAULT)) {
      problem.error(pointer, "a text given per language must have '" + LanguageTags.DEFAULT
          + "', shown where no other language fits");
    }
    return problem.errorCount() == before ? new LocalizedText(texts) : null;
  }

  private static boolean checked(Problem problem, String pointer, String text, int max) {
    if (!Requests.checkText(problem, pointer, text)) {
      return false;
    }
    int length = text.codePointCount(0, text.length());
    if (text.isBlank() || length > max) {
      problem.error(pointer, "a text has 1 to " + max + " characters, not only spaces (this one has " + length + ")");
      return false;
    }
    return true;
  }
}

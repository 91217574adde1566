package io.pulseboard.http;

import io.pulseboard.db.LabelValueNames;
import io.pulseboard.db.LocalizedText;
import io.pulseboard.db.Metric;
import io.pulseboard.input.LanguageTags;
import io.pulseboard.input.Units;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric definition from a {@code PUT} body the contract has validated: the rules the contract
 * cannot say (language tags, the default language, label keys of named values, units, cadence),
 * each fault added to the problem with its JSON pointer.
 */
final class MetricBody {
  static final int NAME_MAX = 200;
  static final int DESCRIPTION_MAX = 2000;

  private final Problem problem;

  private MetricBody(Problem problem) {
    this.problem = problem;
  }

  /** The metric the body defines; faults go to {@code problem}, and the result then must not be used. */
  static Metric parse(String id, JsonObject body, Problem problem) {
    return new MetricBody(problem).metric(id, body);
  }

  private Metric metric(String id, JsonObject body) {
    List<String> labels = body.getJsonArray("labels", new JsonArray()).stream().map(String::valueOf).toList();
    String unit = body.getString("unit");
    String unitProblem = Units.problem(unit);
    if (unitProblem != null) {
      problem.error("/unit", unitProblem);
    }
    LocalizedText name = text("/name", body.getValue("name"), 1, NAME_MAX);
    Object givenDescription = body.getValue("description");
    LocalizedText description = text("/description", givenDescription == null ? "" : givenDescription, 0,
        DESCRIPTION_MAX);
    LabelValueNames names = labelValues(body.getJsonObject("label_values", new JsonObject()), labels);
    return new Metric(id, name, unit, description, labels, body.getString("cadence"), body.getString("display"),
        body.getDouble("goal"), names, body.getString("aggregation", Metric.LEVEL));
  }

  /** A plain string (the default language) or an object of language → text that has the default language. */
  private LocalizedText text(String pointer, Object value, int min, int max) {
    if (value instanceof String s) {
      return checked(pointer, s, min, max) ? LocalizedText.of(s) : null;
    }
    if (!(value instanceof JsonObject object)) {
      problem.error(pointer, "give a string (English) or an object of language → text, e.g. {\"en\": \"…\", \"ko\": \"…\"}");
      return null;
    }
    LocalizedText text = languages(pointer, object, min, max);
    if (text != null && !text.texts().containsKey(LanguageTags.DEFAULT)) {
      problem.error(pointer, "a text given per language must have '" + LanguageTags.DEFAULT
          + "', shown where no other language fits");
    }
    return text;
  }

  /** An object of language tag → text; null after adding its faults to the problem. */
  private LocalizedText languages(String pointer, JsonObject value, int min, int max) {
    int before = problem.errorCount();
    if (value.isEmpty()) {
      problem.error(pointer, "give the text in at least one language, e.g. {\"en\": \"…\"}");
    }
    Map<String, String> texts = new LinkedHashMap<>();
    value.forEach(e -> {
      String at = pointer + "/" + Requests.pointerToken(e.getKey());
      String why = LanguageTags.problem(e.getKey());
      if (why != null) {
        problem.error(at, why);
      } else if (!(e.getValue() instanceof String s)) {
        problem.error(at, "the text in a language is a string");
      } else if (checked(at, s, min, max)) {
        texts.put(e.getKey(), s);
      }
    });
    return problem.errorCount() == before ? new LocalizedText(texts) : null;
  }

  private boolean checked(String pointer, String text, int min, int max) {
    if (!Requests.checkText(problem, pointer, text)) {
      return false;
    }
    int length = text.codePointCount(0, text.length());
    if (length < min || length > max) {
      problem.error(pointer, min > 0 ? "a name has 1 to " + max + " characters"
          : "a description has at most " + max + " characters");
      return false;
    }
    return true;
  }

  private LabelValueNames labelValues(JsonObject body, List<String> labels) {
    Map<String, Map<String, LocalizedText>> byKey = new LinkedHashMap<>();
    body.forEach(k -> {
      String keyPointer = "/label_values/" + Requests.pointerToken(k.getKey());
      if (!labels.contains(k.getKey())) {
        problem.error(keyPointer, "'" + k.getKey() + "' is not one of the metric's labels " + labels);
        return;
      }
      Map<String, LocalizedText> values = new LinkedHashMap<>();
      ((JsonObject) k.getValue()).forEach(v -> {
        String at = keyPointer + "/" + Requests.pointerToken(v.getKey());
        if (!checked(at, v.getKey(), 1, NAME_MAX)) {
          return;
        }
        if (!(v.getValue() instanceof JsonObject names)) {
          problem.error(at, "a label value's names are an object of language → name, e.g. {\"ko\": \"한국\"}");
          return;
        }
        LocalizedText text = languages(at, names, 1, NAME_MAX);
        if (text != null) {
          values.put(v.getKey(), text);
        }
      });
      byKey.put(k.getKey(), values);
    });
    return new LabelValueNames(byKey);
  }
}

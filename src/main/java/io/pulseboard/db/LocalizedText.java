package io.pulseboard.db;

import io.pulseboard.input.LanguageTags;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A text in one or more languages, keyed by language tag ({@link LanguageTags}): a metric's name
 * or description, or the name of a label value. Kept in a stable order (the default language
 * first, then by tag), so the same text always encodes to the same JSON.
 */
public record LocalizedText(Map<String, String> texts) {
  public LocalizedText {
    Map<String, String> ordered = new LinkedHashMap<>();
    if (texts.containsKey(LanguageTags.DEFAULT)) {
      ordered.put(LanguageTags.DEFAULT, texts.get(LanguageTags.DEFAULT));
    }
    ordered.putAll(new TreeMap<>(texts));
    texts = Collections.unmodifiableMap(ordered);
  }

  /** A text in the default language only: what a plain string means. */
  public static LocalizedText of(String defaultText) {
    return new LocalizedText(Map.of(LanguageTags.DEFAULT, defaultText));
  }

  /** The text in the default language ({@code en}), or null when it has none (label value names). */
  public String defaultText() {
    return texts.get(LanguageTags.DEFAULT);
  }

  /** The text in this language, else in the default language, else null. */
  public String in(String language) {
    return texts.getOrDefault(language, defaultText());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    texts.forEach(json::put);
    return json;
  }

  /** A text read back from storage, where every value is a string. */
  public static LocalizedText fromJson(JsonObject json) {
    Map<String, String> texts = new LinkedHashMap<>();
    json.forEach(e -> texts.put(e.getKey(), String.valueOf(e.getValue())));
    return new LocalizedText(texts);
  }
}

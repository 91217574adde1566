package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names of a metric's label values per language, by label key and value: {@code region: kr} is
 * "Korea" in English and "한국" in Korean. A value without a name is shown as stored.
 */
public record LabelValueNames(Map<String, Map<String, LocalizedText>> byKey) {
  public static final LabelValueNames NONE = new LabelValueNames(Map.of());

  public LabelValueNames {
    Map<String, Map<String, LocalizedText>> ordered = new TreeMap<>();
    byKey.forEach((key, values) -> ordered.put(key, Collections.unmodifiableMap(new TreeMap<>(values))));
    byKey = Collections.unmodifiableMap(ordered);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    byKey.forEach((key, values) -> {
      JsonObject names = new JsonObject();
      values.forEach((value, text) -> names.put(value, text.toJson()));
      json.put(key, names);
    });
    return json;
  }

  /** Names read back from storage. */
  public static LabelValueNames fromJson(JsonObject json) {
    Map<String, Map<String, LocalizedText>> byKey = new LinkedHashMap<>();
    json.forEach(k -> {
      Map<String, LocalizedText> values = new LinkedHashMap<>();
      ((JsonObject) k.getValue()).forEach(v -> values.put(v.getKey(), LocalizedText.fromJson((JsonObject) v.getValue())));
      byKey.put(k.getKey(), values);
    });
    return new LabelValueNames(byKey);
  }
}

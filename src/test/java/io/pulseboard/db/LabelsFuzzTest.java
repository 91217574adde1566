package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Coverage-guided fuzzing of label canonicalisation: canonical twice is canonical once, equal
 * label sets in any key order give one canonical form and one point identity, and the canonical
 * JSON reads back as the same set (so two different sets never share a form).
 */
class LabelsFuzzTest {
  private static final OffsetDateTime TS = OffsetDateTime.parse("2025-09-10T00:00:00Z");

  @FuzzTest(maxDuration = "30s")
  void canonical_labels_are_idempotent_order_free_and_faithful(FuzzedDataProvider data) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = data.consumeInt(0, 6); i > 0; i--) {
      labels.put(data.consumeString(12), data.consumeString(24));
    }
    Map<String, String> shuffled = shuffled(labels, data.consumeLong());

    assertThat(PointInput.canonical(PointInput.canonical(labels))).isEqualTo(PointInput.canonical(labels));
    assertThat(PointInput.canonical(shuffled)).isEqualTo(PointInput.canonical(labels));
    assertThat(PointInput.labelsJson(shuffled)).isEqualTo(PointInput.labelsJson(labels));
    assertThat(new PointInput("m", shuffled, TS, 1, null).key()).isEqualTo(new PointInput("m", labels, TS, 1, null).key());
    assertThat(new JsonObject(PointInput.labelsJson(labels)).getMap()).isEqualTo(labels);
  }

  private static Map<String, String> shuffled(Map<String, String> labels, long seed) {
    List<String> keys = new ArrayList<>(labels.keySet());
    Collections.shuffle(keys, new Random(seed));
    Map<String, String> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, labels.get(k)));
    return out;
  }
}

package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.db.Change;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FramesTest {
  @Test
  void an_update_written_from_records_is_byte_for_byte_the_json_of_its_items() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("region", "서울 \"kr\"");
    labels.put("a\\b", "</script>\u0001\t😀");
    double[] values = {700_000_000, 8.0E8, 0.1, -0.0, 1e-7, 12, Double.MAX_VALUE, Double.MIN_VALUE, -3.25};
    List<Change> items = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      items.add(new Change(1L << (i * 7), "weekly_users", i % 2 == 0 ? labels : Map.of(),
          Instant.parse("2025-09-10T00:00:00Z").plusNanos(123_456_000L * i), values[i], i % 3 == 0 ? "" : "리포트 \"x\""));
    }
    String expected = new JsonObject().put("op", "update").put("seq", items.get(items.size() - 1).seq())
        .put("items", new JsonArray(items.stream().map(Change::toJson).toList())).encode();
    assertThat(new String(Frames.update(items), StandardCharsets.UTF_8)).isEqualTo(expected);
  }
}

package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pulseboard.db.Metric;
import io.pulseboard.db.PointInput;
import io.pulseboard.input.InputText;
import io.pulseboard.input.Timestamps;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the point parser: whatever a batch holds, validating it gives the
 * points to write or a 422 problem, never another exception (a 500); a rejected batch gives no
 * point at all; and every point it gives can be stored and read back exactly. Without
 * {@code JAZZER_FUZZ} this replays the inputs in {@code PointItemFuzzTestInputs}.
 */
class PointItemFuzzTest {
  private static final Map<String, Metric> KNOWN = Map.of("weekly_users",
      new Metric("weekly_users", "Weekly users", "users", "", List.of("region", "city"), "P7D", "number", null));
  private static final List<String> KEYS = List.of("region", "city", "colour", "reg/ion", "");
  private static final List<String> TIMES = List.of("2025-09-10T00:00:00Z", "2025-09-10t09:00:00.123456+09:00",
      "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2025-09-10T00:00:00.1234567Z", "0000-01-01T00:00:00Z");

  @FuzzTest(maxDuration = "30s")
  void validating_any_batch_gives_points_or_a_422_never_another_exception(FuzzedDataProvider data) {
    JsonArray batch = data.consumeBoolean() ? rawBatch(data) : builtBatch(data);
    if (batch == null) {
      return; // not JSON: the parser's 400, before this code runs
    }
    List<PointInput> points;
    try {
      points = PointBatch.validate(batch, KNOWN);
    } catch (Problem rejected) {
      assertThat(rejected.status()).isEqualTo(422);
      assertThat(rejected.hasErrors()).isTrue();
      return;
    }
    assertThat(points).hasSize(batch.size());
    points.forEach(PointItemFuzzTest::assertStorable);
  }

  private static JsonArray rawBatch(FuzzedDataProvider data) {
    try {
      return new JsonObject("{\"points\":[" + data.consumeRemainingAsString() + "]}").getJsonArray("points");
    } catch (DecodeException e) {
      return null;
    }
  }

  private static JsonArray builtBatch(FuzzedDataProvider data) {
    JsonArray batch = new JsonArray();
    int n = data.consumeInt(1, 3);
    for (int i = 0; i < n; i++) {
      batch.add(builtItem(data));
    }
    return batch;
  }

  private static Object builtItem(FuzzedDataProvider data) {
    JsonObject item = new JsonObject().put("metric", data.consumeBoolean() ? "weekly_users" : text(data));
    JsonObject labels = new JsonObject();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      labels.put(data.consumeBoolean() ? data.pickValue(KEYS) : text(data), text(data));
    }
    item.put("labels", labels);
    item.put("ts", data.consumeBoolean() ? data.pickValue(TIMES) : text(data));
    item.put("value", value(data));
    if (data.consumeBoolean()) {
      item.put("source", text(data));
    }
    return item;
  }

  /** Text with, now and then, a NUL or a lone surrogate where the fuzzer wants it. */
  static String text(FuzzedDataProvider data) {
    String text = data.consumeString(40);
    int mode = data.consumeInt(0, 3);
    int at = text.isEmpty() ? 0 : data.consumeInt(0, text.length());
    return mode == 1 ? text.substring(0, at) + '\u0000' + text.substring(at)
        : mode == 2 ? text.substring(0, at) + '\ud800' + text.substring(at) : text;
  }

  private static Object value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 4)) {
      case 0 -> data.consumeDouble();
      case 1 -> data.consumeLong();
      case 2 -> new BigDecimal(data.consumeLong()).scaleByPowerOfTen(data.consumeInt(-400, 400));
      case 3 -> text(data);
      default -> null;
    };
  }

  private static void assertStorable(PointInput p) {
    assertThat(KNOWN).containsKey(p.metric());
    assertThat(KNOWN.get(p.metric()).labels()).containsAll(p.labels().keySet());
    p.labels().forEach((k, v) -> assertThat(InputText.isValid(k) && InputText.isValid(v)).isTrue());
    assertThat(p.source() == null || InputText.isValid(p.source())).isTrue();
    assertThat(Double.isFinite(p.value())).isTrue();
    assertThat(p.ts().getNano() % 1000).isZero();
    String returned = p.ts().toInstant().toString();
    assertThat(p.ts().withOffsetSameInstant(ZoneOffset.UTC).getYear()).isBetween(0, 9999);
    assertThat(Timestamps.parseOrNull(returned)).isNotNull().isEqualTo(p.ts().withOffsetSameInstant(ZoneOffset.UTC));
  }
}

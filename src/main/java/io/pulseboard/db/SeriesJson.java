package io.pulseboard.db;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collector;

/**
 * Raw history rows (series labels as text, then the point columns, in label order) written as the
 * JSON array of series that {@link HistoryRepository#history} builds, without a
 * {@link JsonObject} per point: for 43 200 points, building and encoding those objects, and
 * decoding each row's labels from jsonb, took most of a 520 ms answer (docs/performance.md).
 */
final class SeriesJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
  private final JsonGenerator json;
  private String labels;

  private SeriesJson() {
    try {
      json = FACTORY.createGenerator(out);
      json.writeStartArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An empty array of series, to which {@link #series} and {@link #point} add. */
  static SeriesJson open() {
    return new SeriesJson();
  }

  /** Collects rows (a {@code labels} column, then the point columns, in label order) into the encoded array of series. */
  static Collector<Row, ?, Buffer> collector() {
    return Collector.of(SeriesJson::new, SeriesJson::add, (a, b) -> {
      throw new UnsupportedOperationException("rows arrive in order, one by one");
    }, SeriesJson::finish);
  }

  private void add(Row row) {
    String text = row.getString("labels");
    if (!text.equals(labels)) {
      series(text);
    }
    point(row);
  }

  /** Starts the next series, whose labels are this jsonb text; the points that follow are its own. */
  void series(String labelsText) {
    try {
      if (labels != null) {
        endSeries();
      }
      labels = labelsText;
      json.writeStartObject();
      // Encoded by JsonObject, as before: the keys in jsonb's order, the same bytes.
      json.writeFieldName("labels");
      json.writeRawValue(new JsonObject(labelsText).encode());
      json.writeArrayFieldStart("points");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds the point of a row of {@link PointColumns#select} (no prefix) to the current series. */
  void point(Row row) {
    try {
      PointColumns.write(row, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void endSeries() throws IOException {
    json.writeEndArray();
    json.writeEndObject();
  }

  /** The encoded array of series. */
  Buffer finish() {
    try {
      if (labels != null) {
        endSeries();
      }
      json.writeEndArray();
      json.close();
      return Buffer.buffer(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

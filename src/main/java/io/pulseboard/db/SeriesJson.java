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

  /** Collects rows into the encoded array of series. */
  static Collector<Row, ?, Buffer> collector() {
    return Collector.of(SeriesJson::new, SeriesJson::add, (a, b) -> {
      throw new UnsupportedOperationException("rows arrive in order, one by one");
    }, SeriesJson::finish);
  }

  private void add(Row row) {
    try {
      String text = row.getString("labels");
      if (!text.equals(labels)) {
        if (labels != null) {
          endSeries();
        }
        labels = text;
        json.writeStartObject();
        // Encoded by JsonObject, as before: the keys in jsonb's order, the same bytes.
        json.writeFieldName("labels");
        json.writeRawValue(new JsonObject(text).encode());
        json.writeArrayFieldStart("points");
      }
      PointColumns.write(row, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void endSeries() throws IOException {
    json.writeEndArray();
    json.writeEndObject();
  }

  private Buffer finish() {
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

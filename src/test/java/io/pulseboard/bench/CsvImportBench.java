package io.pulseboard.bench;

import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.BufferedWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * CSV import of 1 000 000 rows through {@code POST /api/v1/points} (streamed from a file on
 * disk), against {@code COPY} of the same rows into the points table in the same run; then the
 * same file again (every row unchanged) and one row over the limit (413).
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pulseboard.bench.CsvImportBench}. Uses PULSEBOARD_TEST_DATABASE_URL's
 * server when set, else an embedded PostgreSQL.
 */
public final class CsvImportBench {
  private static final int ROWS = Integer.getInteger("rows", 1_000_000);
  private static final String[] REGIONS = {"kr", "global", "asia", "us"};
  private static final long START = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
  private static final String METRIC = """
      {"name":"Bench","unit":"events","labels":["region"],"cadence":"PT1S","display":"number"}""";

  private CsvImportBench() {}

  public static void main(String[] args) throws Exception {
    String db = TestDatabase.create();
    Pulseboard app = TestApp.start(db, Map.of("PULSEBOARD_SEED", "false"));
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    for (String id : new String[] {"bench", "bench_copy"}) {
      client.request(HttpMethod.PUT, app.port(), "127.0.0.1", "/api/v1/metrics/" + id)
          .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(METRIC)).await();
    }
    Path dir = Files.createTempDirectory("pulseboard-csv-bench");
    Path file = write(dir.resolve("rows.csv"), ROWS);
    System.out.printf("%-32s %10s %10s %12s%n", "case", "rows", "seconds", "rows/s");
    double imported = importFile(vertx, client, app.port(), file, "CSV import (new points)");
    double again = importFile(vertx, client, app.port(), file, "CSV import (same file again)");
    double copy = copy(db);
    System.out.printf("import / COPY: %.2f; again / COPY: %.2f%n", imported / copy, again / copy);
    Path over = write(dir.resolve("over.csv"), ROWS + 1);
    importFile(vertx, client, app.port(), over, "CSV import, 1 row over limit");
    Files.delete(file);
    Files.delete(over);
    Files.delete(dir);
    client.close();
    vertx.close().await();
    app.close();
  }

  private static Path write(Path file, int rows) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("metric,ts,value,source,region\n");
      for (int i = 0; i < rows; i++) {
        out.write("bench," + Instant.ofEpochSecond(START + i / REGIONS.length * 60L) + "," + i + ".5,bench,"
            + REGIONS[i % REGIONS.length] + "\n");
      }
    }
    return file;
  }

  /** Uploads the file and prints the rate; the rows per second, or 0 when refused. */
  private static double importFile(Vertx vertx, WebClient client, int port, Path file, String name) {
    AsyncFile body = vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
    long start = System.nanoTime();
    HttpResponse<Buffer> r = client.post(port, "127.0.0.1", "/api/v1/points")
        .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).putHeader("Content-Type", "text/csv")
        .putHeader("Content-Length", String.valueOf(file.toFile().length())).sendStream(body).await();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (r.statusCode() != 200) {
      System.out.printf("%-32s %10s %10.2f %12s  -> %d %s%n", name, "-", seconds, "-", r.statusCode(),
          r.bodyAsJsonObject().getString("detail"));
      return 0;
    }
    int rows = r.bodyAsJsonObject().getInteger("rows");
    System.out.printf("%-32s %10d %10.2f %12.0f  %s%n", name, rows, seconds, rows / seconds, r.bodyAsString());
    return rows / seconds;
  }

  /** COPY of the same rows (series, ts, value, source, seq) into the points table, for another metric. */
  private static double copy(String db) throws Exception {
    try (Connection c = TestDatabase.connect(db)) {
      long[] series = new long[REGIONS.length];
      for (int r = 0; r < REGIONS.length; r++) {
        series[r] = TestDatabase.queryLong(db, "INSERT INTO series (metric_id, labels) VALUES ('bench_copy', '{\"region\": \""
            + REGIONS[r] + "\"}') RETURNING id");
      }
      long firstSeq = TestDatabase.queryLong(db, "SELECT setval('change_seq', nextval('change_seq') + " + ROWS + ")") - ROWS;
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < ROWS; i++) {
        rows.append(series[i % REGIONS.length]).append('\t').append(Instant.ofEpochSecond(START + i / REGIONS.length * 60L))
            .append('\t').append(i).append(".5\tbench\t").append(firstSeq + i).append('\n');
      }
      Reader data = new java.io.StringReader(rows.toString());
      long start = System.nanoTime();
      ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
          "COPY points (series_id, ts, value, source, seq) FROM STDIN", data);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%-32s %10d %10.2f %12.0f%n", "COPY into points", ROWS, seconds, ROWS / seconds);
      return ROWS / seconds;
    }
  }
}

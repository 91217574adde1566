package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large files, streamed from disk: the server's heap (this JVM's: the server runs in-process)
 * grows by far less than a 100 MB file, and a bad row near the end of a file of
 * {@value CsvImport#MAX_ROWS} rows writes nothing. The row limit and the speed are measured by
 * {@code CsvImportBench}.
 */
@ExtendWith(VertxExtension.class)
class CsvLargeImportTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private static final String[] REGIONS = {"kr", "global", "asia", "us"};
  private static final long START = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

  /**
   * Writes {@code rows} rows of weekly_users (four series, one point a minute each) with sources
   * of {@code sourceLength} characters; row {@code bad} gets a bad time.
   */
  static Path file(Path dir, int rows, int bad, int sourceLength) {
    Path file = dir.resolve("points-" + rows + "-" + bad + ".csv");
    String source = "import " + "x".repeat(Math.max(0, sourceLength - 7));
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("metric,ts,value,source,region\n");
      for (int i = 1; i <= rows; i++) {
        String ts = i == bad ? "not a time" : Instant.ofEpochSecond(START + (i - 1) / REGIONS.length * 60L).toString();
        out.write("weekly_users," + ts + "," + (i * 7 % 1000) + ".5," + source + "," + REGIONS[i % REGIONS.length] + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Streams the file from disk as the request body. */
  static HttpResponse<Buffer> upload(Vertx vertx, int port, Path file) {
    WebClient client = WebClient.create(vertx);
    try {
      AsyncFile body = vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
      return client.post(port, "127.0.0.1", "/api/v1/points")
          .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).putHeader("Content-Type", "text/csv")
          .putHeader("Content-Length", String.valueOf(file.toFile().length()))
          .sendStream(body).await();
    } finally {
      client.close();
    }
  }

  private static long points() {
    return TestDatabase.queryLong(running.db(), "SELECT count(*) FROM points");
  }

  /** Samples the used heap after a collection, every 200 ms, while it runs. */
  private static final class HeapWatch extends Thread {
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean done;

    HeapWatch() {
      setDaemon(true);
    }

    static long used() {
      System.gc();
      Runtime r = Runtime.getRuntime();
      return r.totalMemory() - r.freeMemory();
    }

    @Override
    public void run() {
      while (!done) {
        peak.accumulateAndGet(used(), Math::max);
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long finish() throws InterruptedException {
      done = true;
      join();
      return peak.get();
    }
  }

  @Test
  void a_100_mb_file_is_written_with_the_heap_growing_by_far_less(Vertx vertx, @TempDir Path dir) throws Exception {
    int rows = 250_000;
    Path file = file(dir, rows, -1, 350);
    long before = points();
    long baseline = HeapWatch.used();
    HeapWatch watch = new HeapWatch();
    watch.start();
    long started = System.nanoTime();
    HttpResponse<Buffer> r = upload(vertx, running.port(), file);
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    long peak = watch.finish();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject result = r.bodyAsJsonObject();
    assertThat(result.getInteger("rows")).isEqualTo(rows);
    assertThat(result.getInteger("written")).isEqualTo(rows);
    assertThat(points()).isEqualTo(before + rows);
    long grown = peak - baseline;
    System.out.printf("CSV import: %d rows, %d MB, %d s, heap grew by at most %d MB%n",
        rows, file.toFile().length() >> 20, seconds, grown >> 20);
    assertThat(grown).as("heap growth in bytes").isLessThan(file.toFile().length() / 3);
  }

  @Test
  void a_bad_row_near_the_end_writes_nothing_and_is_named(Vertx vertx, @TempDir Path dir) {
    long before = points();
    long series = TestDatabase.queryLong(running.db(), "SELECT count(*) FROM series");
    HttpResponse<Buffer> r = upload(vertx, running.port(), file(dir, CsvImport.MAX_ROWS, 999_999, 6));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
    JsonObject problem = r.bodyAsJsonObject();
    assertThat(problem.getJsonArray("errors")).hasSize(1);
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/rows/999999/ts");
    assertThat(points()).isEqualTo(before);
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM series")).isEqualTo(series);
  }

  @Test
  void a_body_declared_larger_than_the_limit_is_413_before_it_is_read(Vertx vertx) {
    long before = points();
    io.vertx.core.net.NetSocket socket = vertx.createNetClient().connect(running.port(), "127.0.0.1").await();
    io.vertx.core.Promise<Buffer> answer = io.vertx.core.Promise.promise();
    Buffer received = Buffer.buffer();
    socket.handler(received::appendBuffer);
    socket.closeHandler(v -> answer.tryComplete(received));
    socket.write("POST /api/v1/points HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestApp.ADMIN_TOKEN
        + "\r\nContent-Type: text/csv\r\nContent-Length: " + (CsvImport.MAX_BYTES + 1)
        + "\r\n\r\nmetric,ts,value\n");
    String response = answer.future().await().toString();
    assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json");
    assertThat(response.toLowerCase()).contains("connection: close");
    assertThat(points()).isEqualTo(before);
  }
}

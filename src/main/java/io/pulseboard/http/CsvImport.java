package io.pulseboard.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code POST /api/v1/points} with a CSV body: the body is streamed (never held whole) to a
 * parser on a worker thread, which checks each row as a JSON item is checked and writes the rows
 * in chunks inside one transaction, committed only after the last row proved valid. Limits:
 * {@value #MAX_ROWS} rows and {@value #MAX_BYTES} bytes (413 beyond).
 */
final class CsvImport {
  /** The most rows one request may hold. */
  static final int MAX_ROWS = 1_000_000;
  /** The largest body: 1 000 000 rows of 250 bytes. */
  static final long MAX_BYTES = 256L * 1024 * 1024;
  /** Bytes of body that may wait for the parser before the request is paused. */
  private static final long WINDOW = 1024 * 1024;
  /** At most this many imports run at once; more wait (their bodies paused). */
  private static final int CONCURRENT = 2;

  private final Pool pool;
  private final WorkerExecutor workers;

  CsvImport(Vertx vertx, Pool pool) {
    this.pool = pool;
    // Each import holds a worker thread while it runs (its parser reads a blocking stream).
    this.workers = vertx.createSharedWorkerExecutor("pulseboard-csv-import", CONCURRENT, 30, TimeUnit.MINUTES);
  }

  /**
   * Reads the request's CSV body and writes all of its rows or none. {@code mayWrite} is asked
   * once for each metric the rows name, before anything commits; {@code tokenId} is recorded with
   * every value written. The future holds the result
   * ({@code rows}, {@code accepted}, {@code written}, {@code unchanged}, {@code seq}) or a
   * {@link Problem}.
   */
  Future<JsonObject> run(RoutingContext ctx, Predicate<String> mayWrite, Long tokenId) {
    String charset = charset(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    if (charset != null && !charset.equals("utf-8")) {
      return Future.failedFuture(Problem.unsupportedMediaType(
          "send the CSV as UTF-8 (charset=utf-8), not charset=" + charset));
    }
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && (length.length() > 18 || Long.parseLong(length) > MAX_BYTES)) {
      return Future.failedFuture(tooLarge(ctx, "the CSV is " + length + " bytes; the limit is " + MAX_BYTES));
    }
    if ("100-continue".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.EXPECT))) {
      ctx.response().writeContinue(); // curl asks before sending a file over 1 MB, then waits a second
    }
    Context context = Vertx.currentContext();
    StreamedBody body = StreamedBody.of(ctx.request(), context, MAX_BYTES, WINDOW);
    return workers.<JsonObject>executeBlocking(() -> new CsvImportRun(pool, mayWrite, tokenId).run(body.input()), false)
        .recover(failure -> Future.failedFuture(problem(ctx, failure)))
        .onComplete(done -> {
          if (!ctx.request().isEnded() && !"close".equals(ctx.response().headers().get(HttpHeaders.CONNECTION))) {
            body.discardRest();
          }
        });
  }

  private static Throwable problem(RoutingContext ctx, Throwable failure) {
    if (failure instanceof StreamedBody.TooLarge) {
      return tooLarge(ctx, "the CSV is larger than " + MAX_BYTES + " bytes; split it");
    }
    if (failure instanceof java.io.IOException) {
      return Problem.malformed("the CSV could not be read to its end (" + failure.getMessage() + "); nothing was written");
    }
    return failure;
  }

  static Problem tooLarge(RoutingContext ctx, String detail) {
    // The rest of the body is not read: the connection closes once the answer is sent.
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    ctx.addEndHandler(v -> ctx.request().connection().close());
    return new Problem(413, "too-large", "Content too large", detail + "; nothing was written");
  }

  /** The charset parameter of a content type, lower case, or {@code null}. */
  private static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
        return kv[1].trim().replace("\"", "").toLowerCase();
      }
    }
    return null;
  }

  /** Whether a content type is CSV. */
  static boolean isCsv(String contentType) {
    return contentType != null && contentType.split(";")[0].trim().equalsIgnoreCase("text/csv");
  }
}

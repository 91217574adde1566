package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A producer under load: a few batches in flight at all times, each answered batch followed by
 * the next. It records what every batch got: acknowledged (200), refused as unavailable (503,
 * then sent again after a short pause, as a client that honours the contract would), or no
 * answer at all (the connection broke; that worker stops). Anything else is recorded as
 * unexpected.
 */
final class IngestLoad implements AutoCloseable {
  /** What a 503 must carry; checked on every one. */
  private static final String UNAVAILABLE_TYPE = "urn:pulseboard:problem:unavailable";
  private static final long RETRY_PAUSE_MS = 100;
  private static final int MAX_ATTEMPTS = 600;

  private final Vertx vertx;
  private final WebClient client;
  private final AtomicInteger ids;
  private final int batchSize;
  private final int concurrency;
  private final List<Batch> acknowledged = new ArrayList<>();
  private final List<Batch> unanswered = new ArrayList<>();
  private final List<Batch> retriedAfter503 = new ArrayList<>();
  private final List<String> unexpected = new ArrayList<>();
  private int unavailable;
  private int running;
  private volatile boolean stopping;

  /** Batch ids come from {@code ids}, so that they stay unique over several loads. */
  IngestLoad(Vertx vertx, int port, AtomicInteger ids, int batchSize, int concurrency) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
    this.ids = ids;
    this.batchSize = batchSize;
    this.concurrency = concurrency;
  }

  IngestLoad start() {
    synchronized (this) {
      running = concurrency;
    }
    for (int w = 0; w < concurrency; w++) {
      next();
    }
    return this;
  }

  /** Blocks until this many batches are acknowledged in all; fails after the timeout. */
  synchronized void awaitAcknowledged(int count, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (acknowledged.size() < count && running > 0) {
      long left = deadline - System.nanoTime();
      assertThat(left).as("%d batches acknowledged within %d s (%d so far; unexpected: %s)", count,
          timeoutSeconds, acknowledged.size(), unexpected).isPositive();
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    assertThat(acknowledged.size()).as("acknowledged before the workers stopped; unexpected: %s", unexpected)
        .isGreaterThanOrEqualTo(count);
  }

  /** Blocks until this many 503 answers were seen; false if the timeout passed first. */
  synchronized boolean awaitUnavailable(int count, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (unavailable < count && running > 0 && System.nanoTime() < deadline) {
      TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, deadline - System.nanoTime()));
    }
    return unavailable >= count;
  }

  /** Sends no new batch; those in flight still finish (or are retried until acknowledged). */
  void stop() {
    stopping = true;
  }

  /** Blocks until every worker has finished; fails after the timeout. */
  synchronized void awaitStopped(long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (running > 0) {
      long left = deadline - System.nanoTime();
      assertThat(left).as("the load's workers finished within %d s", timeoutSeconds).isPositive();
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  synchronized List<Batch> acknowledged() {
    return List.copyOf(acknowledged);
  }

  /** Batches sent whose connection broke before an answer: stored entirely or not at all. */
  synchronized List<Batch> unanswered() {
    return List.copyOf(unanswered);
  }

  /** Acknowledged batches that had been answered 503 before. */
  synchronized List<Batch> retriedAfter503() {
    return List.copyOf(retriedAfter503);
  }

  synchronized int unavailableAnswers() {
    return unavailable;
  }

  /** Answers other than 200 and a well-formed 503, one line each. */
  synchronized List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  @Override
  public void close() {
    stop();
    client.close();
  }

  private void next() {
    if (stopping) {
      finished();
      return;
    }
    send(new Batch(ids.getAndIncrement(), batchSize), 1);
  }

  private void send(Batch batch, int attempt) {
    client.request(HttpMethod.POST, "/api/v1/points").putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .putHeader("Content-Type", "application/json").sendBuffer(batch.body())
        .onSuccess(response -> answered(batch, attempt, response))
        .onFailure(e -> {
          synchronized (this) {
            unanswered.add(batch);
          }
          finished();
        });
  }

  private void answered(Batch batch, int attempt, HttpResponse<Buffer> response) {
    if (response.statusCode() == 200) {
      synchronized (this) {
        acknowledged.add(batch);
        if (attempt > 1) {
          retriedAfter503.add(batch);
        }
        notifyAll();
      }
      next();
    } else if (isUnavailable(response) && attempt < MAX_ATTEMPTS) {
      synchronized (this) {
        unavailable++;
        notifyAll();
      }
      vertx.setTimer(RETRY_PAUSE_MS, id -> send(batch, attempt + 1));
    } else {
      synchronized (this) {
        unexpected.add(batch.marker() + " attempt " + attempt + ": " + response.statusCode() + " Retry-After: "
            + response.getHeader("Retry-After") + " " + response.bodyAsString());
      }
      finished();
    }
  }

  private static boolean isUnavailable(HttpResponse<Buffer> response) {
    return response.statusCode() == 503
        && "application/problem+json".equals(response.getHeader("Content-Type"))
        && response.getHeader("Retry-After") != null && response.getHeader("Retry-After").matches("[1-9][0-9]*")
        && UNAVAILABLE_TYPE.equals(response.bodyAsJsonObject().getString("type"));
  }

  private synchronized void finished() {
    running--;
    notifyAll();
  }
}

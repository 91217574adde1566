package io.pulseboard.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Pulseboard's own meters, named by Prometheus conventions once exported: base units in the name
 * ({@code _seconds}, {@code _bytes}), {@code _total} on counters. docs/operations.md lists them.
 */
public final class ServerMeters {
  /** Reject reasons registered up front, so that a rate over them starts from zero rather than absent. */
  private static final List<String> COMMON_REJECTS = List.of("invalid", "malformed", "unauthorized", "forbidden",
      "too-large", "unsupported-media-type", "conflict", "unavailable");

  /** The outcomes of a notification delivery attempt; a bounded label set, registered up front. */
  public static final List<String> DELIVERY_OUTCOMES = List.of("delivered", "retried", "refused", "failed");

  private final MeterRegistry registry;
  private final Map<String, Counter> rejects = new ConcurrentHashMap<>();
  private final AtomicLong openSockets = new AtomicLong();
  private final AtomicLong headSeq = new AtomicLong();
  private final AtomicLong deliveredSeq = new AtomicLong();
  private final Counter framesSent;
  private final Counter bytesSent;
  private final Counter updatesMerged;
  private final Counter slowClientsClosed;
  private final Timer fanOutLatency;
  private final Counter pointsIngested;
  private final DistributionSummary batchSize;
  private final Counter feedReconnects;
  private final Map<BatchSource, Counter> feedBatches = new EnumMap<>(BatchSource.class);
  private final Counter authFailures;
  private final Counter authRateLimited;
  private final Counter writesRateLimited;
  private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
  private LongSupplier databaseRestarts;

  public ServerMeters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("pulseboard.websocket.connections", openSockets, AtomicLong::get)
        .description("WebSocket connections open").register(registry);
    framesSent = Counter.builder("pulseboard.websocket.frames.sent")
        .description("WebSocket frames sent").register(registry);
    bytesSent = Counter.builder("pulseboard.websocket.sent").baseUnit("bytes")
        .description("WebSocket payload bytes sent").register(registry);
    updatesMerged = Counter.builder("pulseboard.websocket.updates.merged")
        .description("Changes merged into a newer one for a slow client").register(registry);
    slowClientsClosed = Counter.builder("pulseboard.websocket.slow.closes")
        .description("Clients closed with 1013 for staying blocked").register(registry);
    // Explicit buckets: a percentile histogram would add some sixty series for little gain.
    fanOutLatency = Timer.builder("pulseboard.fanout.latency")
        .description("From the feed receiving a change to its write on a socket")
        .serviceLevelObjectives(millis(1), millis(5), millis(10), millis(25), millis(50), millis(100),
            millis(250), millis(500), millis(1000), millis(2500), millis(5000), millis(10000))
        .register(registry);
    pointsIngested = Counter.builder("pulseboard.ingest.points")
        .description("Points accepted through the API").register(registry);
    batchSize = DistributionSummary.builder("pulseboard.ingest.batch.size").baseUnit("points")
        .description("Points per ingest request").serviceLevelObjectives(1, 10, 100, 1000, 10000)
        .register(registry);
    for (BatchSource source : BatchSource.values()) {
      feedBatches.put(source, Counter.builder("pulseboard.feed.batches").tag("source", source.label())
          .description("Change batches the feed published, by where their changes came from").register(registry));
    }
    feedReconnects = Counter.builder("pulseboard.feed.reconnects")
        .description("Times the change feed re-established LISTEN").register(registry);
    Gauge.builder("pulseboard.feed.lag", this, m -> Math.max(0, m.headSeq.get() - m.deliveredSeq.get()))
        .description("Head seq minus the last seq delivered by this instance").register(registry);
    COMMON_REJECTS.forEach(this::rejectCounter);
    authFailures = Counter.builder("pulseboard.auth.failures")
        .description("Requests and /ws handshakes that presented a wrong or unknown token").register(registry);
    authRateLimited = Counter.builder("pulseboard.auth.rate.limited")
        .description("Requests and /ws handshakes refused with 429 for too many failed authentications"
            + " from their address").register(registry);
    writesRateLimited = Counter.builder("pulseboard.write.rate.limited")
        .description("Writes refused with 429 by PULSEBOARD_WRITE_RATE_LIMIT").register(registry);
    DELIVERY_OUTCOMES.forEach(outcome -> deliveries.put(outcome,
        Counter.builder("pulseboard.notification.deliveries").tag("outcome", outcome)
            .description("Webhook delivery attempts of alert notifications, by outcome: delivered, retried (failed,"
                + " tried again later), refused (target address not allowed, tried again later), failed (given up)")
            .register(registry)));
  }

  /** Counts a recorded delivery attempt by its outcome, one of {@link #DELIVERY_OUTCOMES}. */
  public void notificationDelivery(String outcome) {
    Counter counter = deliveries.get(outcome);
    if (counter == null) {
      throw new IllegalArgumentException("no delivery outcome " + outcome);
    }
    counter.increment();
  }

  public void authFailed() {
    authFailures.increment();
  }

  public void authRateLimited() {
    authRateLimited.increment();
  }

  public void writeRateLimited() {
    writesRateLimited.increment();
  }

  /** Gauges of the database pool: connections open now, and the most it may open. */
  public void databasePool(Pool pool, int maxSize) {
    Gauge.builder("pulseboard.db.pool.connections", pool, Pool::size)
        .description("Database connections the pool holds open").register(registry);
    Gauge.builder("pulseboard.db.pool.connections.max", () -> maxSize)
        .description("Most database connections the pool may open").register(registry);
  }

  /**
   * {@code pulseboard_database_up} (1 while the database answers and is not being restarted) and
   * {@code pulseboard_database_restarts_total} (times the embedded server was brought back).
   */
  public void database(BooleanSupplier up, LongSupplier restarts) {
    // A function counter keeps only a weak reference to its object; this one keeps it alive.
    databaseRestarts = restarts;
    Gauge.builder("pulseboard.database.up", up, u -> u.getAsBoolean() ? 1 : 0).strongReference(true)
        .description("1 while the database answers and is not being restarted, else 0").register(registry);
    FunctionCounter.builder("pulseboard.database.restarts", restarts, LongSupplier::getAsLong)
        .description("Times the embedded PostgreSQL was restarted after it died").register(registry);
  }

  public void socketOpened() {
    openSockets.incrementAndGet();
  }

  public void socketClosed() {
    openSockets.decrementAndGet();
  }

  public void frameSent(int bytes) {
    framesSent.increment();
    bytesSent.increment(bytes);
  }

  public void updatesMerged(int count) {
    updatesMerged.increment(count);
  }

  public void slowClientClosed() {
    slowClientsClosed.increment();
  }

  public void fanOutLatency(long nanos) {
    fanOutLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void ingested(int points) {
    pointsIngested.increment(points);
    batchSize.record(points);
  }

  /** Counts a rejected ingest request by the type of its problem, e.g. {@code invalid}. */
  public void ingestRejected(String reason) {
    rejectCounter(reason).increment();
  }

  public void feedHead(long seq) {
    headSeq.accumulateAndGet(seq, Math::max);
  }

  public void feedDelivered(long seq) {
    deliveredSeq.accumulateAndGet(seq, Math::max);
    feedHead(seq);
  }

  /** The changes on their way to this instance's sockets (see {@code FeedBacklog}). */
  public void feedBacklog(LongSupplier items) {
    // Held strongly: a gauge keeps only a weak reference to its object by default.
    Gauge.builder("pulseboard.feed.backlog", items, LongSupplier::getAsLong).strongReference(true)
        .description("Changes taken from the feed and not yet written to every socket").register(registry);
  }

  /** Where the changes of a batch the feed published came from. */
  public enum BatchSource {
    /** Read from the database. */
    READ,
    /** Carried by the commit's notification. */
    NOTIFICATION,
    /** The answer of this instance's own write. */
    WRITE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Counts a change batch the feed published, by where its changes came from. */
  public void feedBatch(BatchSource source) {
    feedBatches.get(source).increment();
  }

  public void feedReconnected() {
    feedReconnects.increment();
  }

  private Counter rejectCounter(String reason) {
    return rejects.computeIfAbsent(reason, r -> Counter.builder("pulseboard.ingest.rejects").tag("reason", r)
        .description("Ingest requests rejected, by reason").register(registry));
  }

  private static Duration millis(long ms) {
    return Duration.ofMillis(ms);
  }
}

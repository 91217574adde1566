package io.pulseboard.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Pulseboard's own meters, named by Prometheus conventions once exported. */
public final class ServerMeters {
  private final MeterRegistry registry;
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
    fanOutLatency = Timer.builder("pulseboard.fanout.latency")
        .description("From the feed receiving a change to its write on a socket")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    pointsIngested = Counter.builder("pulseboard.ingest.points")
        .description("Points accepted through the API").register(registry);
    batchSize = DistributionSummary.builder("pulseboard.ingest.batch.size").baseUnit("points")
        .description("Points per ingest request").serviceLevelObjectives(1, 10, 100, 1000, 10000)
        .register(registry);
    feedReconnects = Counter.builder("pulseboard.feed.reconnects")
        .description("Times the change feed re-established LISTEN").register(registry);
    Gauge.builder("pulseboard.feed.lag", this, m -> Math.max(0, m.headSeq.get() - m.deliveredSeq.get()))
        .description("Head seq minus the last seq delivered by this instance").register(registry);
  }

  public MeterRegistry registry() {
    return registry;
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
    Counter.builder("pulseboard.ingest.rejects").tag("reason", reason)
        .description("Ingest requests rejected, by reason").register(registry).increment();
  }

  public void feedHead(long seq) {
    headSeq.accumulateAndGet(seq, Math::max);
  }

  public void feedDelivered(long seq) {
    deliveredSeq.accumulateAndGet(seq, Math::max);
    feedHead(seq);
  }

  public void feedReconnected() {
    feedReconnects.increment();
  }
}

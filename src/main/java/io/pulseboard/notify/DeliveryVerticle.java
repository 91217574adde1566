package io.pulseboard.notify;

import io.pulseboard.db.DeliveryAttempt;
import io.pulseboard.db.OutboxRepository;
import io.pulseboard.db.PendingNotification;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the notifications outbox, on every instance: claims due notifications from the table
 * (see {@link OutboxRepository#claim}: never one another instance holds, never a later one of a
 * series before the earlier is done), sends each at most {@code concurrency} at a time, and
 * records every attempt. A failed attempt is tried again on the {@link RetrySchedule}; nothing is
 * kept in memory that a restart would lose.
 */
public final class DeliveryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryVerticle.class);
  /** How often an idle sender looks for due notifications; each finished attempt looks at once too. */
  static final long POLL_MS = 500;
  /**
   * Beyond the longest a claimed notification waits in this instance (at most one attempt's time
   * in the queue, then resolution and request, each within the timeout) before its claim lapses.
   */
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

  private final OutboxRepository outbox;
  private final WebhookTargets targets;
  private final Duration timeout;
  private final RetrySchedule schedule;
  private final int concurrency;
  private final Consumer<String> counted;
  private WebClient client;
  private WorkerExecutor resolver;
  private WebhookCall call;
  private long poller;
  /** Claimed and not yet sent: claims are made for up to twice the places, so sends never wait for a claim. */
  private final Deque<PendingNotification> queue = new ArrayDeque<>();
  private int inFlight;
  private boolean claiming;
  private boolean stopped;
  private boolean unavailableLogged;

  /**
   * @param counted told each recorded attempt's outcome ({@code delivered}, {@code retried},
   *     {@code refused}, {@code failed}), for the meter
   */
  public DeliveryVerticle(OutboxRepository outbox, WebhookTargets targets, Duration timeout, RetrySchedule schedule,
      int concurrency, Consumer<String> counted) {
    this.outbox = outbox;
    this.targets = targets;
    this.timeout = timeout;
    this.schedule = schedule;
    this.concurrency = concurrency;
    this.counted = counted;
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx, new WebClientOptions()
        .setFollowRedirects(false)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .setIdleTimeout((int) timeout.toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setUserAgentEnabled(false), new PoolOptions().setHttp1MaxSize(concurrency));
    // Name resolution blocks; its own threads keep a slow resolver from holding Vert.x's workers.
    resolver = vertx.createSharedWorkerExecutor("pulseboard-webhook-resolver", concurrency);
    call = new WebhookCall(vertx, client, resolver, targets, timeout);
    poller = vertx.setPeriodic(POLL_MS, t -> pump());
    pump();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(poller);
    client.close();
    return resolver.close();
  }

  /**
   * Sends what is claimed while there are free places, and claims more (one claim at a time)
   * while fewer than {@code concurrency} wait: a claim per finished send would make the database
   * round trip of each claim the pace of delivery.
   */
  private void pump() {
    while (inFlight < concurrency && !queue.isEmpty() && !stopped) {
      deliver(queue.poll());
    }
    int wanted = 2 * concurrency - inFlight - queue.size();
    if (claiming || stopped || queue.size() >= concurrency) {
      return;
    }
    claiming = true;
    outbox.claim(wanted, lease()).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        // A claim still at the database when the server stops fails as the pool closes: no outage.
        if (!stopped) {
          unavailable(ar.cause());
        }
        return;
      }
      unavailableLogged = false;
      List<PendingNotification> due = ar.result();
      queue.addAll(due);
      if (!due.isEmpty()) {
        pump();
      }
    });
  }

  private void deliver(PendingNotification n) {
    inFlight++;
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    call.send(n)
        .compose(outcome -> record(n, outcome, started, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)))
        .onComplete(ar -> {
          inFlight--;
          if (ar.failed()) {
            // The claim lapses and another attempt follows: delivery is at least once.
            LOG.warn("Could not record the attempt {} of notification {}: {}", n.attempt(), n.id(),
                ar.cause().getMessage());
          }
          pump();
        });
  }

  private Future<Void> record(PendingNotification n, Outcome outcome, Instant started, long durationMs) {
    Instant next = outcome.delivered() ? null : schedule.next(n.attempt(), n.createdAt(), Instant.now());
    String status = outcome.delivered() ? "delivered" : next == null ? "failed" : "pending";
    String result = outcome.delivered() ? "delivered" : next == null ? "failed" : outcome.refused() ? "refused" : "retried";
    DeliveryAttempt attempt = new DeliveryAttempt(n.attempt(), started, result, outcome.status(), outcome.error(),
        durationMs);
    return outbox.record(n.id(), new OutboxRepository.Result(attempt, status, next)).map(recorded -> {
      if (recorded) {
        counted.accept(result);
        log(n, result, outcome);
      }
      return null;
    });
  }

  /** Never the URL: for Slack and others it is the webhook's secret. */
  private static void log(PendingNotification n, String result, Outcome outcome) {
    switch (result) {
      case "refused" -> LOG.warn("Notification {} to channel {}: {}", n.id(), n.channelId(), outcome.error());
      case "failed" -> LOG.warn("Notification {} to channel {} given up after {} attempts: {}", n.id(),
          n.channelId(), n.attempt(), outcome.error());
      case "retried" -> LOG.debug("Notification {} to channel {}, attempt {}: {}", n.id(), n.channelId(),
          n.attempt(), outcome.error());
      default -> LOG.debug("Notification {} delivered to channel {}", n.id(), n.channelId());
    }
  }

  private void unavailable(Throwable e) {
    if (!unavailableLogged) {
      unavailableLogged = true;
      LOG.warn("Cannot claim notifications to deliver, trying again every {} ms: {}", POLL_MS, e.getMessage());
    }
  }

  private Duration lease() {
    return timeout.multipliedBy(3).plus(LEASE_MARGIN);
  }
}

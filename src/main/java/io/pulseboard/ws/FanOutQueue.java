package io.pulseboard.ws;

import io.pulseboard.db.Change;
import io.pulseboard.feed.ChangeBatch;
import io.pulseboard.feed.FeedBacklog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Change batches on their way to the hubs, one fan-out at a time; batches that arrive while one is
 * written wait and go out together as one batch (up to {@link Outbox#MAX_ITEMS_PER_FRAME} items),
 * encoded once. A pause between two fan-outs merges more, and follows the load: it holds batches
 * back only while fan-outs, at the rate batches arrive, would keep the hubs busy more than
 * {@link #BUSY_SHARE} of the time (a pause while changes come seldom merges nothing and only
 * delays them); then the next fan-out may start {@link #LOAD_FACTOR} times the recent fan-out time
 * after the last one started, never later than the cap {@code PULSEBOARD_WS_COALESCE_MS} after it.
 * So a server whose fan-outs keep up sends each change as it comes, and a busy one (many sockets,
 * many changes) writes each socket a bounded number of frames per second however fast points are
 * posted, the fan-out taking about half of the event loops' time. The recent fan-out time rises at
 * once with a slow fan-out and falls by a quarter of the difference with each quicker one; the
 * time between batches moves a quarter of the way to each new gap. Thread-safe: batches come from
 * the feed's context, completions from each hub's event loop.
 */
final class FanOutQueue {
  /** Where a fan-out goes: a hub, which writes a batch to its sockets on its own event loop. */
  interface Target {
    /** The event loop the target runs on. */
    Context context();

    /** Writes the batch to every socket; runs {@code done} on the target's event loop after the last. */
    void deliver(EncodedBatch batch, Runnable done);
  }

  /** The least time between the starts of two fan-outs while busy, in recent fan-out times. */
  static final int LOAD_FACTOR = 2;
  /** The share of the time between batches that fan-outs may take before a pause merges them. */
  static final double BUSY_SHARE = 0.75;
  /** Longer gaps between batches count as this long: after a quiet spell the rate is learnt quickly. */
  static final long MAX_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

  private record Waiting(ChangeBatch batch, long arrivedNanos) {}

  private final Vertx vertx;
  private final Supplier<List<? extends Target>> hubs;
  private final LongConsumer sent;
  private final FeedBacklog backlog;
  private final long capNanos;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  /** A fan-out is being written, or one is due on a timer: batches that come now wait. */
  private boolean running;
  private int busyHubs;
  private long lastStartNanos;
  /** How long fan-outs take lately: the last one's time when it was longer, else decaying toward it. */
  private long recentNanos;
  private long lastArrivalNanos;
  /** The time between batches lately, each gap taken up to {@link #MAX_GAP_NANOS}. */
  private long spacingNanos = MAX_GAP_NANOS;

  /**
   * {@code sent} learns the last seq of each fan-out as it starts; {@code backlog} counts the
   * changes from their arrival here until every hub has written them; {@code coalesceMs} caps the
   * pause between two fan-outs (0: never pause).
   */
  FanOutQueue(Vertx vertx, Supplier<List<? extends Target>> hubs, LongConsumer sent, FeedBacklog backlog, int coalesceMs) {
    this.vertx = vertx;
    this.hubs = hubs;
    this.sent = sent;
    this.backlog = backlog;
    this.capNanos = TimeUnit.MILLISECONDS.toNanos(coalesceMs);
    this.lastStartNanos = System.nanoTime() - capNanos;
    this.lastArrivalNanos = System.nanoTime() - MAX_GAP_NANOS;
  }

  /**
   * Takes a batch of the feed: sends it now when the last fan-out is done and, while busy, started
   * long enough ago.
   */
  void offer(ChangeBatch batch) {
    backlog.arrived(batch.items().size());
    long now = System.nanoTime();
    synchronized (this) {
      spacingNanos += (Math.min(MAX_GAP_NANOS, now - lastArrivalNanos) - spacingNanos) / 4;
      lastArrivalNanos = now;
      waiting.add(new Waiting(batch, now));
      if (running) {
        return;
      }
      running = true;
    }
    next();
  }

  /** Sends what waits now, or, while busy, when the pause the load asks for since the last start has passed. */
  private void next() {
    long due = 0;
    synchronized (this) {
      if (recentNanos > BUSY_SHARE * spacingNanos) {
        due = lastStartNanos + Math.min(capNanos, LOAD_FACTOR * recentNanos) - System.nanoTime();
      }
    }
    if (due > 0) {
      vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(due)), id -> sendWaiting());
    } else {
      sendWaiting();
    }
  }

  /** Sends what waits as one batch; loops only while there is no hub to wait for. */
  private void sendWaiting() {
    while (true) {
      List<Waiting> taken = new ArrayList<>();
      List<? extends Target> targets = hubs.get();
      synchronized (this) {
        int items = 0;
        while (!waiting.isEmpty()
            && (taken.isEmpty() || items + waiting.peek().batch().items().size() <= Outbox.MAX_ITEMS_PER_FRAME)) {
          Waiting next = waiting.poll();
          items += next.batch().items().size();
          taken.add(next);
        }
        if (taken.isEmpty()) {
          running = false;
          return;
        }
        busyHubs = targets.size();
        lastStartNanos = System.nanoTime();
      }
      EncodedBatch encoded = new EncodedBatch(merged(taken), taken.get(0).arrivedNanos());
      sent.accept(encoded.lastSeq());
      for (Target hub : targets) {
        hub.context().runOnContext(v -> hub.deliver(encoded, () -> hubDone(encoded)));
      }
      if (!targets.isEmpty()) {
        return;
      }
      backlog.delivered(encoded.items().size());
    }
  }

  private void hubDone(EncodedBatch done) {
    synchronized (this) {
      if (--busyHubs > 0) {
        return;
      }
      long took = System.nanoTime() - lastStartNanos;
      recentNanos = Math.max(took, recentNanos - (recentNanos - took) / 4);
      backlog.delivered(done.items().size());
      if (waiting.isEmpty()) {
        running = false;
        return;
      }
    }
    next();
  }

  private static ChangeBatch merged(List<Waiting> taken) {
    if (taken.size() == 1) {
      return taken.get(0).batch();
    }
    List<Change> items = new ArrayList<>();
    taken.forEach(w -> items.addAll(w.batch().items()));
    return new ChangeBatch(items, taken.get(taken.size() - 1).batch().seq());
  }
}

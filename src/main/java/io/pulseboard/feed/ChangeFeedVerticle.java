package io.pulseboard.feed;

import io.pulseboard.db.Change;
import io.pulseboard.db.ChangeRepository;
import io.pulseboard.db.Database;
import io.pulseboard.db.PointRepository;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed of this instance: LISTENs on {@link PointRepository#CHANNEL}, and on every
 * notification (and on every reconnect, and every few seconds as a safety net) reads the changes
 * after the last seq it delivered and publishes them locally as {@link ChangeBatch}es, in seq
 * order, each change once. A notification that carries its commit's changes, starting right
 * after the last seq delivered, is published as it is, with no read. Writers serialize on an
 * advisory lock, so no lower seq can commit after a higher one has been read, and notifications
 * come in commit order: advancing past what was read or carried never skips a change. While the
 * {@link FeedBacklog} is full it reads nothing, so a slow fan-out holds changes in the database
 * rather than in memory.
 */
public final class ChangeFeedVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedVerticle.class);
  private static final int FETCH_LIMIT = 1000;
  private static final long SAFETY_POLL_MS = 5000;
  private static final long ROOM_CHECK_MS = 20;
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Pool pool;
  private final PgConnectOptions connectOptions;
  private final ServerMeters meters;
  private final FeedBacklog backlog;
  private ChangeRepository changes;
  private PgSubscriber subscriber;
  private long lastSeq;
  private boolean fetching;
  private boolean fetchAgain;
  private boolean connectedOnce;
  private boolean waitingForRoom;
  private long pollTimer;

  public ChangeFeedVerticle(Pool pool, PgConnectOptions connectOptions, ServerMeters meters, FeedBacklog backlog) {
    this.pool = pool;
    this.connectOptions = connectOptions;
    this.meters = meters;
    this.backlog = backlog;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().registerDefaultCodec(ChangeBatch.class, new LocalCodec<>(ChangeBatch.class));
    changes = new ChangeRepository(pool);
    return changes.head().compose(head -> {
      lastSeq = head;
      meters.feedDelivered(head);
      subscriber = Database.subscriber(vertx, connectOptions);
      subscriber.channel(PointRepository.CHANNEL)
          .subscribeHandler(v -> onSubscribed())
          .handler(this::notified);
      pollTimer = vertx.setPeriodic(SAFETY_POLL_MS, id -> fetch());
      return subscriber.connect();
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    vertx.eventBus().unregisterDefaultCodec(ChangeBatch.class);
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  private void onSubscribed() {
    if (connectedOnce) {
      LOG.info("Change feed listening again; catching up from seq {}", lastSeq);
      meters.feedReconnected();
    }
    connectedOnce = true;
    fetch();
  }

  /**
   * Publishes the changes a notification carries when they follow {@code lastSeq} and nothing is
   * being read or waiting for room; else reads, unless the notification's changes were read already.
   */
  private void notified(String payload) {
    ChangeRepository.Notification notification = ChangeRepository.notification(payload);
    meters.feedHead(notification.head());
    if (notification.head() >= 0 && notification.head() <= lastSeq) {
      return;
    }
    List<Change> carried = notification.changes();
    if (!carried.isEmpty() && carried.get(0).seq() == lastSeq + 1 && !fetching && !backlog.full()) {
      publish(carried, true);
    } else {
      fetch();
    }
  }

  /**
   * Reads and publishes everything after {@code lastSeq}; one fetch at a time, repeated while more
   * wait, and none while the backlog is full (then it looks again shortly).
   */
  private void fetch() {
    if (fetching) {
      fetchAgain = true;
      return;
    }
    if (backlog.full()) {
      if (!waitingForRoom) {
        waitingForRoom = true;
        vertx.setTimer(ROOM_CHECK_MS, id -> {
          waitingForRoom = false;
          fetch();
        });
      }
      return;
    }
    fetching = true;
    fetchAgain = false;
    changes.since(lastSeq, FETCH_LIMIT)
        .onSuccess(items -> publish(items, false))
        .onFailure(e -> LOG.warn("Change feed fetch failed, will retry: {}", e.getMessage()))
        .onComplete(ar -> {
          fetching = false;
          boolean full = ar.succeeded() && ar.result().size() == FETCH_LIMIT;
          if (full || fetchAgain) {
            fetch();
          }
        });
  }

  private void publish(List<Change> items, boolean carried) {
    if (items.isEmpty()) {
      return;
    }
    lastSeq = items.get(items.size() - 1).seq();
    vertx.eventBus().publish(ChangeBatch.ADDRESS, new ChangeBatch(items, lastSeq), LOCAL);
    meters.feedDelivered(lastSeq);
    meters.feedBatch(carried);
  }
}

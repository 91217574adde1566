package io.pulseboard.feed;

import io.pulseboard.db.Event;
import io.pulseboard.db.EventRepository;
import io.pulseboard.db.Notifications;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event feed of this instance, as {@link ChangeFeedVerticle} is for points: LISTENs on
 * {@link EventRepository#CHANNEL}, and on every notification, reconnect and every few seconds reads
 * the events after the last seq it published and publishes them locally as {@link EventBatch}es,
 * in seq order, each once. Emitters hold the event writers' lock to their commit, so no lower seq
 * commits after a higher one was read. Events are few (boards saved, alert transitions), so there
 * is no backlog to bound as there is for points.
 */
public final class EventFeedVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeedVerticle.class);
  private static final int FETCH_LIMIT = 500;
  private static final long SAFETY_POLL_MS = 5000;
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Pool pool;
  private final Notifications notifications;
  private EventRepository events;
  private Notifications.Listening listening;
  private long lastSeq;
  private boolean fetching;
  private boolean fetchAgain;
  private long pollTimer;

  public EventFeedVerticle(Pool pool, Notifications notifications) {
    this.pool = pool;
    this.notifications = notifications;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().registerDefaultCodec(EventBatch.class, new LocalCodec<>(EventBatch.class));
    events = new EventRepository(pool);
    return events.head().compose(head -> {
      lastSeq = head;
      pollTimer = vertx.setPeriodic(SAFETY_POLL_MS, id -> fetch());
      return notifications.listen(EventRepository.CHANNEL, v -> fetch(), payload -> fetch());
    }).onSuccess(l -> listening = l);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    vertx.eventBus().unregisterDefaultCodec(EventBatch.class);
    return listening == null ? Future.succeededFuture() : listening.stop();
  }

  /** Reads and publishes everything after {@code lastSeq}; one fetch at a time, repeated while more wait. */
  private void fetch() {
    if (fetching) {
      fetchAgain = true;
      return;
    }
    fetching = true;
    fetchAgain = false;
    events.since(lastSeq, FETCH_LIMIT)
        .onSuccess(this::publish)
        .onFailure(e -> LOG.warn("Event feed fetch failed, will retry: {}", e.getMessage()))
        .onComplete(ar -> {
          fetching = false;
          if (fetchAgain || (ar.succeeded() && ar.result().size() == FETCH_LIMIT)) {
            fetch();
          }
        });
  }

  private void publish(List<Event> items) {
    if (items.isEmpty()) {
      return;
    }
    lastSeq = items.get(items.size() - 1).seq();
    vertx.eventBus().publish(EventBatch.ADDRESS, new EventBatch(items, lastSeq), LOCAL);
  }
}

package io.pulseboard.feed;

import io.pulseboard.db.Database;
import io.pulseboard.db.Event;
import io.pulseboard.db.EventRepository;
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
  private final PgConnectOptions connectOptions;
  private EventRepository events;
  private PgSubscriber subscriber;
  private long lastSeq;
  private boolean fetching;
  private boolean fetchAgain;
  private long pollTimer;

  public EventFeedVerticle(Pool pool, PgConnectOptions connectOptions) {
    this.pool = pool;
    this.connectOptions = connectOptions;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().registerDefaultCodec(EventBatch.class, new LocalCodec<>(EventBatch.class));
    events = new EventRepository(pool);
    return events.head().compose(head -> {
      lastSeq = head;
      subscriber = Database.subscriber(vertx, connectOptions);
      subscriber.channel(EventRepository.CHANNEL)
          .subscribeHandler(v -> fetch())
          .handler(payload -> fetch());
      pollTimer = vertx.setPeriodic(SAFETY_POLL_MS, id -> fetch());
      return subscriber.connect();
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    vertx.eventBus().unregisterDefaultCodec(EventBatch.class);
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
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

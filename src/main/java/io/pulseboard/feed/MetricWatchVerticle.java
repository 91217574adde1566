package io.pulseboard.feed;

import io.pulseboard.db.Database;
import io.pulseboard.db.MetricCatalogue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Keeps the {@link MetricCatalogue} of this instance current: LISTENs on
 * {@link MetricCatalogue#CHANNEL} and forgets the definitions on every notification (a metric
 * created, changed or deleted on any instance), on every reconnect (notifications may have been
 * missed meanwhile) and every few seconds as a safety net.
 */
public final class MetricWatchVerticle extends VerticleBase {
  /** How often the definitions are forgotten when no notification came (a lost one, a broken LISTEN). */
  static final long SAFETY_FORGET_MS = 5000;

  private final MetricCatalogue catalogue;
  private final PgConnectOptions connectOptions;
  private PgSubscriber subscriber;

  public MetricWatchVerticle(MetricCatalogue catalogue, PgConnectOptions connectOptions) {
    this.catalogue = catalogue;
    this.connectOptions = connectOptions;
  }

  @Override
  public Future<?> start() {
    subscriber = Database.subscriber(vertx, connectOptions);
    subscriber.channel(MetricCatalogue.CHANNEL)
        .subscribeHandler(v -> catalogue.forget())
        .handler(payload -> catalogue.forget());
    subscriber.closeHandler(v -> catalogue.forget());
    vertx.setPeriodic(SAFETY_FORGET_MS, id -> catalogue.forget());
    return subscriber.connect();
  }

  @Override
  public Future<?> stop() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }
}

package io.pulseboard.feed;

import io.pulseboard.db.MetricCatalogue;
import io.pulseboard.db.Notifications;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

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
  private final Notifications notifications;
  private Notifications.Listening listening;

  public MetricWatchVerticle(MetricCatalogue catalogue, Notifications notifications) {
    this.catalogue = catalogue;
    this.notifications = notifications;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(SAFETY_FORGET_MS, id -> catalogue.forget());
    return notifications.listen(MetricCatalogue.CHANNEL, v -> catalogue.forget(), payload -> catalogue.forget())
        .onSuccess(l -> listening = l);
  }

  @Override
  public Future<?> stop() {
    return listening == null ? Future.succeededFuture() : listening.stop();
  }
}

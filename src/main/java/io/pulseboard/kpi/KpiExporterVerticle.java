package io.pulseboard.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pulseboard.db.Change;
import io.pulseboard.db.MetricRepository;
import io.pulseboard.db.SummaryRepository;
import io.pulseboard.feed.ChangeBatch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the KPI gauges of {@code /metrics} current on this instance. At start it reads the latest
 * point of every series once; after that every {@link ChangeBatch} of the local change feed is
 * applied as it arrives, so values change as soon as a write commits and a scrape never queries
 * the database.
 *
 * <p>Metric definitions (label keys, cadence, deletions) do not pass through the change feed, and
 * a PUT or DELETE may land on another instance, so they are polled: one small query every few
 * seconds, and at once when a change names a metric not known yet. When they differ, everything
 * is reloaded from one consistent snapshot; changes that arrive meanwhile are applied to the old
 * state and replayed onto the new one, which the per-series seq check makes harmless.
 */
public final class KpiExporterVerticle extends VerticleBase {
  /** How often metric definitions are compared with the database by default. */
  public static final long DEFINITIONS_POLL_MS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(KpiExporterVerticle.class);

  private final Pool pool;
  private final PrometheusMeterRegistry registry;
  private final long definitionsPollMs;
  private final KpiState state;
  private final KpiCollector collector;
  private final List<Meter> meters = new ArrayList<>();
  private MetricRepository definitions;
  private SummaryRepository summaries;
  private MessageConsumer<ChangeBatch> consumer;
  private List<Change> arrivedMeanwhile;
  private boolean checkAgain;
  private long pollTimer;

  public KpiExporterVerticle(Pool pool, PrometheusMeterRegistry registry, int maxSeries, long definitionsPollMs) {
    this.pool = pool;
    this.registry = registry;
    this.definitionsPollMs = definitionsPollMs;
    Counter dropped = Counter.builder("pulseboard.metric.series.dropped")
        .description("KPI series left out of /metrics because the series cap was reached")
        .register(registry);
    meters.add(dropped);
    this.state = new KpiState(maxSeries, dropped);
    this.collector = new KpiCollector(state, Clock.systemUTC());
  }

  @Override
  public Future<?> start() {
    definitions = new MetricRepository(pool);
    summaries = new SummaryRepository(pool);
    meters.add(Gauge.builder("pulseboard.metric.series", state, KpiState::size)
        .description("KPI series exported on /metrics").register(registry));
    meters.add(Gauge.builder("pulseboard.metric.series.limit", state, KpiState::maxSeries)
        .description("Most KPI series exported on /metrics (PULSEBOARD_METRICS_MAX_SERIES)").register(registry));
    consumer = vertx.eventBus().<ChangeBatch>localConsumer(ChangeBatch.ADDRESS, msg -> onBatch(msg.body()));
    return consumer.completion().compose(v -> refresh(true)).onSuccess(v -> {
      registry.getPrometheusRegistry().register(collector);
      pollTimer = vertx.setPeriodic(definitionsPollMs, id -> checkDefinitions());
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    registry.getPrometheusRegistry().unregister(collector);
    meters.forEach(registry::remove);
    return consumer.unregister();
  }

  private void onBatch(ChangeBatch batch) {
    boolean unknown = state.applyAll(batch.items());
    if (arrivedMeanwhile != null) {
      arrivedMeanwhile.addAll(batch.items());
    }
    if (unknown) {
      checkDefinitions();
    }
  }

  private void checkDefinitions() {
    refresh(false);
  }

  /**
   * Reads the definitions and, when they differ from those in use (always when {@code force}),
   * every series' latest point. One refresh at a time; changes arriving meanwhile are kept for
   * replay. The future completes once the new state is in use.
   */
  private Future<Void> refresh(boolean force) {
    if (arrivedMeanwhile != null) {
      checkAgain = true;
      return Future.succeededFuture();
    }
    arrivedMeanwhile = new ArrayList<>();
    return definitions.all()
        .compose(defs -> !force && state.hasDefinitions(defs) ? Future.<Void>succeededFuture()
            : summaries.summaries(null).map(summary -> {
              state.load(defs, summary.metrics(), arrivedMeanwhile);
              return (Void) null;
            }))
        .onComplete(ar -> {
          arrivedMeanwhile = null;
          if (ar.failed()) {
            LOG.warn("KPI exporter could not read metric definitions: {}", ar.cause().getMessage());
          }
          if (checkAgain) {
            checkAgain = false;
            checkDefinitions();
          }
        });
  }
}

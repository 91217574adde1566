package io.pulseboard.alert;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.pulseboard.db.AlertRepository;
import io.pulseboard.db.AlertRule;
import io.pulseboard.db.Change;
import io.pulseboard.db.SeriesSnapshot;
import io.pulseboard.feed.ChangeBatch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates alert rules on every instance. Each {@link ChangeBatch} of the local change feed
 * names the series to look at; series no enabled rule watches cost nothing, the others are read
 * in one statement per round and each rule's verdict is compared with the stored state. A
 * verdict that differs is claimed in the database ({@link AlertRepository#claim}), so a
 * transition fires once however many instances evaluate it, and a correction of an old point
 * that leaves the verdict as it was claims nothing.
 *
 * <p>Missed updates happen without a change: each period one instance (a lease row) reads the
 * series that missed-update rules watch. A rule written on any instance moves the config
 * version; each instance then reloads its {@link AlertBook} and re-evaluates the rules' series.
 */
public final class AlertEvaluatorVerticle extends VerticleBase {
  /** How often the config version is compared and the missed-update sweep is tried. */
  public static final long TICK_MS = 1000;
  /** Ticks between two readings of the gauges (firing counts of other instances' claims, today's pacing). */
  private static final int GAUGE_TICKS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluatorVerticle.class);

  private final AlertBook book;
  private final AlertRepository alerts;
  private final Claims claims;
  private final AlertGauges gauges;
  private final PrometheusRegistry registry;
  private final long tickMs;
  private final Map<String, Change> pending = new LinkedHashMap<>();
  private final List<String> pendingMetrics = new ArrayList<>();
  private MessageConsumer<ChangeBatch> consumer;
  private boolean busy;
  private long ticks;
  private long evaluatedVersion;
  private long timer;
  private boolean stopped;

  /**
   * @param linkBase what notification links start with (the public URL, or empty for relative links)
   * @param tickMs how often the config version is polled and the missed-update sweep tried
   */
  public AlertEvaluatorVerticle(AlertBook book, AlertRepository alerts, AlertGauges gauges,
      PrometheusRegistry registry, String linkBase, long tickMs) {
    this.registry = registry;
    this.book = book;
    this.alerts = alerts;
    this.gauges = gauges;
    this.claims = new Claims(linkBase);
    this.tickMs = tickMs;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().<ChangeBatch>localConsumer(ChangeBatch.ADDRESS, msg -> onBatch(msg.body()));
    return consumer.completion().compose(v -> book.reload()).compose(v -> gauges.refresh()).onSuccess(v -> {
      registry.register(gauges);
      evaluatedVersion = book.version();
      timer = vertx.setPeriodic(tickMs, id -> tick());
      pendingMetrics.addAll(book.metricsWithRules());
      drain();
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    registry.unregister(gauges);
    return consumer.unregister();
  }

  /**
   * A read or write that failed, logged unless the verticle is stopping: then what is still at the
   * database fails as the pool closes, which is no outage.
   */
  private void warn(String what, Throwable e) {
    if (!stopped) {
      LOG.warn("{}: {}", what, e.getMessage());
    }
  }

  private void onBatch(ChangeBatch batch) {
    for (Change c : batch.items()) {
      if (!book.rulesWatching(c.metric(), c.labels()).isEmpty()) {
        pending.put(c.seriesKey(), c);
      }
    }
    drain();
  }

  private void tick() {
    if (++ticks % GAUGE_TICKS == 0) {
      gauges.refresh().onFailure(e -> warn("Alert gauges could not be read", e));
    }
    book.refresh().onSuccess(reloaded -> {
      // The book may also have been reloaded by a write on this instance: compare versions.
      if (book.version() != evaluatedVersion) {
        evaluatedVersion = book.version();
        pendingMetrics.addAll(book.metricsWithRules());
        gauges.refresh();
        drain();
      }
    }).onFailure(e -> warn("Alert rules could not be reloaded", e));
    if (book.watchesMissedUpdates()) {
      alerts.takeSweep(tickMs * 0.8 / 1000).onSuccess(mine -> {
        if (mine) {
          run(alerts::snapshotsForMissedUpdates);
        }
      }).onFailure(e -> warn("Missed-update sweep failed", e));
    }
  }

  /** Evaluates what is pending, one round at a time; changes arriving meanwhile wait for the next round. */
  private void drain() {
    if (busy) {
      return;
    }
    if (!pendingMetrics.isEmpty()) {
      List<String> metrics = List.copyOf(pendingMetrics);
      pendingMetrics.clear();
      run(() -> alerts.snapshotsOfMetrics(metrics));
    } else if (!pending.isEmpty()) {
      List<String> ids = new ArrayList<>();
      List<JsonObject> labels = new ArrayList<>();
      pending.values().forEach(c -> {
        ids.add(c.metric());
        labels.add(c.labelsJson());
      });
      pending.clear();
      run(() -> alerts.snapshots(ids, labels));
    }
  }

  private void run(Supplier<Future<List<SeriesSnapshot>>> read) {
    busy = true;
    read.get().compose(this::evaluate)
        .onFailure(e -> warn("Alert evaluation failed", e))
        .onComplete(ar -> {
          busy = false;
          drain();
        });
  }

  /** Claims, one after another, every transition the snapshots call for; the future holds how many were claimed. */
  private Future<Integer> evaluate(List<SeriesSnapshot> snapshots) {
    Instant now = Instant.now();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Future<Integer> chain = Future.succeededFuture(0);
    for (SeriesSnapshot s : snapshots) {
      Map<String, String> labels = s.labelMap();
      for (AlertRule rule : book.rulesWatching(s.metric(), labels)) {
        Verdict verdict = Verdict.of(rule, s, book.goalOf(s.metric(), labels), today);
        var claim = claims.of(rule, s, verdict, now);
        if (claim.isPresent()) {
          chain = chain.compose(n -> alerts.claim(claim.get()).map(won -> n + (won.isPresent() ? 1 : 0)));
        }
      }
    }
    return chain.onSuccess(n -> {
      if (n > 0) {
        gauges.refresh();
      }
    });
  }
}

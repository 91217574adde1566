package io.pulseboard.seed;

import io.pulseboard.db.AlertRule;
import io.pulseboard.db.AlertRuleRepository;
import io.pulseboard.db.PointInput;
import io.pulseboard.db.PointRepository;
import io.pulseboard.db.SummaryRepository;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: a simulated live feed so that a newcomer sees the dashboard move. Every few seconds
 * it moves the latest value of each series of the report's changing metrics a little, writing
 * points marked {@code source: "demo"}. It also adds, once, an alert rule on those moves
 * ({@link #demoRule()}) that fires now and then and resolves on the next calm move, so the alert
 * list and its events show something happen.
 */
public final class DemoVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DemoVerticle.class);
  public static final String SOURCE = "demo";
  /** The name of the demo's alert rule. */
  public static final String DEMO_RULE = "Demo: weekly users vs a year earlier moved more than 1.5%";
  /** Relative step size per metric; offices do not move. */
  private static final Map<String, Double> VOLATILITY = Map.of(
      "weekly_users", 0.002, "weekly_users_yoy", 0.01, "paid_subscribers_yoy", 0.01);

  private final Pool pool;
  private final long periodMs;
  private final Random random = new Random();
  private final Map<String, PointInput> latest = new HashMap<>();
  private long timer;

  public DemoVerticle(Pool pool, long periodMs) {
    this.pool = pool;
    this.periodMs = periodMs;
  }

  /** The demo's alert rule: weekly users vs a year earlier moving more than 1.5 % in one step. */
  public static AlertRule demoRule() {
    return new AlertRule(null, DEMO_RULE, "weekly_users_yoy", Map.of(), AlertRule.Kind.CHANGE, null, null, null,
        1.5, "either", null, List.of(), true);
  }

  @Override
  public Future<?> start() {
    AlertRuleRepository rules = new AlertRuleRepository(pool);
    return rules.all()
        .compose(all -> all.stream().anyMatch(r -> r.name().equals(DEMO_RULE)) ? Future.succeededFuture()
            : rules.create(demoRule()).onSuccess(r -> LOG.info("Demo mode: added the alert rule '{}' (#{})",
                DEMO_RULE, r.id())))
        .compose(v -> watch());
  }

  private Future<?> watch() {
    return new SummaryRepository(pool).summaries(List.copyOf(VOLATILITY.keySet())).onSuccess(summary -> {
      summary.metrics().forEach(m -> ((JsonObject) m).getJsonArray("series").forEach(s -> remember(
          ((JsonObject) m).getString("id"), (JsonObject) s)));
      LOG.info("Demo mode: moving {} series every {} ms", latest.size(), periodMs);
      timer = vertx.setPeriodic(periodMs, id -> tick());
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void remember(String metric, JsonObject series) {
    Map<String, String> labels = new HashMap<>();
    series.getJsonObject("labels").forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    double value = series.getJsonObject("latest").getDouble("value");
    PointInput p = new PointInput(metric, labels, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), value, SOURCE);
    latest.put(p.metric() + p.labels(), p);
  }

  private void tick() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    List<PointInput> next = new ArrayList<>();
    latest.replaceAll((key, p) -> {
      double drift = 1 + VOLATILITY.get(p.metric()) * (random.nextGaussian() + 0.1);
      PointInput moved = new PointInput(p.metric(), p.labels(), now, round(p.value() * drift, p.value()), SOURCE);
      next.add(moved);
      return moved;
    });
    if (!next.isEmpty()) {
      new PointRepository(pool).write(next).onFailure(e -> LOG.warn("Demo write failed: {}", e.getMessage()));
    }
  }

  private static double round(double value, double scale) {
    return scale >= 1000 ? Math.round(value) : Math.round(value * 100) / 100.0;
  }
}

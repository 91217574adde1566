package io.pulseboard.kpi;

import io.prometheus.metrics.model.snapshots.Labels;
import io.pulseboard.db.Metric;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Metric definitions as the KPI families export them. Every series of the three families carries
 * the same label names: {@code metric} plus the union of all declared label keys, a key that a
 * metric does not declare being empty. Prometheus treats an empty label as absent, so a stored
 * series has exactly the metric id and its own keys, while the exposition stays uniform.
 */
public final class KpiDefinitions {
  static final String METRIC_LABEL = "metric";
  private static final long NEVER = Long.MAX_VALUE;

  /**
   * One metric: its declared keys and its cadence, as stored and as read ({@code every}: a
   * {@link Period} or a {@link Duration}, null when it cannot be read), read once per definition
   * rather than at every change.
   */
  public record Def(String id, Set<String> keys, String cadence, TemporalAmount every) {
    Def(String id, Set<String> keys, String cadence) {
      this(id, keys, cadence, read(cadence));
    }

    private static TemporalAmount read(String cadence) {
      try {
        return Period.parse(cadence);
      } catch (DateTimeParseException notAPeriod) {
        try {
          return Duration.parse(cadence);
        } catch (DateTimeParseException unreadable) {
          return null;
        }
      } catch (NullPointerException none) {
        return null;
      }
    }
  }

  private final List<Metric> source;
  private final Map<String, Def> byId = new HashMap<>();
  private final String[] keys;
  private final String[] names;

  private KpiDefinitions(List<Metric> metrics) {
    this.source = List.copyOf(metrics);
    Set<String> union = new TreeSet<>();
    for (Metric m : metrics) {
      byId.put(m.id(), new Def(m.id(), Set.copyOf(m.labels()), m.cadence()));
      union.addAll(m.labels());
    }
    keys = union.toArray(String[]::new);
    names = exportedNames(keys);
  }

  /** Definitions built from these metrics. */
  public static KpiDefinitions of(List<Metric> metrics) {
    return new KpiDefinitions(metrics);
  }

  /** Whether these are the definitions the given metrics would give. */
  boolean sameAs(List<Metric> metrics) {
    return source.equals(metrics);
  }

  public Def metric(String id) {
    return byId.get(id);
  }

  /** The exported labels of a series: the metric id and a value for every label name. */
  public Labels labels(Def def, JsonObject stored) {
    String[] labelNames = new String[keys.length + 1];
    String[] values = new String[keys.length + 1];
    labelNames[0] = METRIC_LABEL;
    values[0] = def.id();
    for (int i = 0; i < keys.length; i++) {
      labelNames[i + 1] = names[i];
      values[i + 1] = def.keys().contains(keys[i]) ? stored.getString(keys[i], "") : "";
    }
    return Labels.of(labelNames, values);
  }

  /** When a point at {@code ts} becomes stale, in epoch milliseconds; never when the cadence is unreadable. */
  static long staleAtMillis(Def def, Instant ts) {
    try {
      if (def.every() instanceof Period period) {
        return ts.atOffset(ZoneOffset.UTC).plus(period).toInstant().toEpochMilli();
      }
      return def.every() == null ? NEVER : ts.plus(def.every()).toEpochMilli();
    } catch (ArithmeticException | java.time.DateTimeException tooFar) {
      return NEVER;
    }
  }

  /**
   * Label names for the declared keys. A key named {@code metric} would clash with the metric id,
   * so it is exported as {@code label_metric} (prefixed again while that is taken too).
   */
  private static String[] exportedNames(String[] keys) {
    Set<String> taken = new HashSet<>(List.of(keys));
    taken.add(METRIC_LABEL);
    String[] out = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      String name = keys[i];
      if (name.equals(METRIC_LABEL)) {
        do {
          name = "label_" + name;
        } while (taken.contains(name));
        taken.add(name);
      }
      out[i] = name;
    }
    return out;
  }
}

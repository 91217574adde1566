package io.pulseboard.telemetry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.EnumSet;
import java.util.Set;

/**
 * The meter registry of one instance, the Vert.x metrics that feed it, and the JVM and process
 * meters, all named so that {@code promtool check metrics} finds nothing to say.
 */
public final class MetricsSetup {
  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE");

  private MetricsSetup() {}

  /** A Prometheus registry with the naming fixes and the cardinality guard in place. */
  public static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config()
        // Nanoseconds are not a base unit; process.cpu (seconds) below replaces it.
        .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        // A gauge ending in _count reads as part of a histogram.
        .meterFilter(rename("system.cpu.count", "system.cpu.logical.processors"))
        // Vert.x accepts any method token; unknown ones would each become a new series.
        .meterFilter(MeterFilter.replaceTagValues("method", m -> HTTP_METHODS.contains(m) ? m : "OTHER"));
    return registry;
  }

  /**
   * Vert.x metrics: HTTP server requests by route template (never by raw path), method and status;
   * pools (the SQL pool included) by name and type; SQL clients by their metrics name. JVM meters come from
   * {@link #bindRuntimeMeters}, not from Vert.x, so their names can be chosen.
   *
   * <p>Net client metrics are off: their only clients are PostgreSQL connections, which the SQL
   * pool and client metrics and {@link ServerMeters#databasePool} already cover, and their byte
   * counters stay at zero. HTTP client metrics are off too: the one HTTP client is the webhook
   * sender, whose attempts {@code pulseboard_notification_deliveries_total} counts by outcome; per
   * request meters would add little and change with every receiver. Vert.x registers the gauges of a client once per connection, all
   * sharing one value; Micrometer's warning about that is silenced in logback.xml.
   */
  public static MicrometerMetricsOptions vertxOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(false)
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE,
            Label.POOL_NAME, Label.NAMESPACE));
  }

  /** Binds JVM and process meters; running the returned action releases the GC listeners. */
  public static Runnable bindRuntimeMeters(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      FunctionCounter.builder("process.cpu", hotspot, b -> b.getProcessCpuTime() / 1e9).baseUnit("seconds")
          .description("CPU time used by the process").register(registry);
    }
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc::close;
  }

  private static MeterFilter rename(String from, String to) {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        return id.getName().equals(from) ? id.withName(to) : id;
      }
    };
  }
}

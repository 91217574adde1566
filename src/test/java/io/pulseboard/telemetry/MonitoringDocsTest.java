package io.pulseboard.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Prometheus configuration, alerting rules and Grafana dashboard under docs/ stay true. */
@ExtendWith(VertxExtension.class)
class MonitoringDocsTest {
  private static final Path RULES = Path.of("docs/prometheus/alerts.yml");
  private static final Path CONFIG = Path.of("docs/prometheus/prometheus.yml");
  private static final Path DASHBOARD = Path.of("docs/grafana/pulseboard-dashboard.json");
  private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:pulseboard|vertx|jvm|process)_[a-z0-9_]+");

  @Test
  void alerting_rules_pass_promtool_check_rules() throws Exception {
    Promtool.Result check = Promtool.checkRules(RULES);
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 7 rules found");
  }

  @Test
  void the_compose_prometheus_config_passes_promtool_check_config() throws Exception {
    Promtool.Result check = Promtool.checkConfig(CONFIG);
    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  @Test
  void rules_and_dashboard_use_only_metrics_a_running_server_exports(Vertx vertx) throws Exception {
    Set<String> used = new TreeSet<>(names(Files.readString(RULES)));
    used.addAll(names(Files.readString(DASHBOARD)));
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      http.get("/api/v1/metrics");
      // The goal and alert gauges have samples once there is a due goal and a rule.
      http.send(HttpMethod.POST, "/api/v1/goals", """
          {"metric":"offices","target":20,"direction":"higher","due":"2030-01-01"}""");
      http.send(HttpMethod.POST, "/api/v1/alert-rules", """
          {"name":"offices","metric":"offices","kind":"threshold","above":100}""");
      // GC pause timers appear with the first collection after start.
      System.gc();
      Exposition e = Exposition.awaitScrape(http, Duration.ofSeconds(10), s -> names(s).containsAll(used));
      assertThat(names(e)).containsAll(used);
    }
  }

  private static Set<String> names(Exposition exposition) {
    return exposition.text().lines().filter(l -> !l.startsWith("#"))
        .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
  }

  private static Set<String> names(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC_NAME.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}

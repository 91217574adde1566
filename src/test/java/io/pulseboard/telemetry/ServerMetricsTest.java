package io.pulseboard.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole exposition of a live instance: valid, lint-free, and with bounded labels. */
@ExtendWith(VertxExtension.class)
class ServerMetricsTest {
  @Test
  void exposition_passes_promtool_without_warnings_after_seed_ingest_and_traffic(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      CompletableFuture<Void> update = new CompletableFuture<>();
      WebSocket ws = subscribedSocket(vertx, app.port(), update);
      traffic(http);
      update.get(10, TimeUnit.SECONDS);
      String text = Exposition.scrape(http).text();
      assertThat(Exposition.scrape(http).value("pulseboard_websocket_connections")).hasValue(1);
      // One sample per event loop that fanned the batch out.
      assertThat(Exposition.scrape(http).value("pulseboard_fanout_latency_seconds_count").orElse(0)).isPositive();
      assertThat(Exposition.scrape(http).value("pulseboard_websocket_frames_sent_total").orElse(0))
          .as("hello, snapshot and update").isGreaterThanOrEqualTo(3);
      ws.close().await();
      Promtool.Result check = Promtool.checkMetrics(text);
      assertThat(check.output()).isEmpty();
      assertThat(check.exitCode()).isZero();
      Map<String, Long> typeLines = text.lines().filter(l -> l.startsWith("# TYPE "))
          .map(l -> l.split(" ")[2]).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(typeLines).allSatisfy((family, count) -> assertThat(count).as(family).isEqualTo(1));
    }
  }

  @Test
  void exports_server_database_http_jvm_and_process_meters(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      traffic(http);
      // GC pause timers appear with the first collection after start.
      System.gc();
      Exposition e = Exposition.awaitScrape(http, Duration.ofSeconds(10),
          s -> !s.lines("jvm_gc_pause_seconds_count").isEmpty());
      assertThat(e.value("pulseboard_ingest_points_total")).hasValue(1);
      assertThat(e.value("pulseboard_ingest_rejects_total", "reason=\"invalid\"")).hasValue(1);
      assertThat(e.value("pulseboard_ingest_rejects_total", "reason=\"unauthorized\"")).hasValue(1);
      assertThat(e.value("pulseboard_ingest_batch_size_points_count")).hasValue(1);
      for (String family : List.of("pulseboard_websocket_connections", "pulseboard_websocket_frames_sent_total",
          "pulseboard_websocket_sent_bytes_total", "pulseboard_websocket_updates_merged_total",
          "pulseboard_websocket_slow_closes_total", "pulseboard_fanout_latency_seconds_bucket",
          "pulseboard_feed_lag", "pulseboard_feed_backlog", "pulseboard_feed_reconnects_total", "pulseboard_feed_batches_total",
          "pulseboard_db_pool_connections",
          "pulseboard_metric_series_dropped_total", "jvm_memory_used_bytes", "jvm_gc_pause_seconds_count",
          "process_cpu_seconds_total", "process_files_open_files", "process_uptime_seconds")) {
        assertThat(e.lines(family)).as(family).isNotEmpty();
      }
      assertThat(e.value("vertx_pool_in_use", "pool_name=\"pulseboard\",pool_type=\"sql\"")).isPresent();
      assertThat(e.value("vertx_http_server_requests_total",
          "code=\"200\",method=\"GET\",route=\"/api/v1/metrics/:id\"")).hasValue(1);
    }
  }

  @Test
  void http_labels_hold_route_templates_and_known_methods_never_raw_paths(Vertx vertx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      for (int i = 0; i < 20; i++) {
        http.get("/api/v1/metrics/no_such_metric_" + i);
        http.get("/random/path/" + i);
        http.send(HttpMethod.valueOf("BREW" + i), "/api/v1/metrics", null, null, null);
      }
      List<String> httpLines = Exposition.scrape(http).text().lines()
          .filter(l -> l.startsWith("vertx_http_server")).toList();
      assertThat(httpLines).isNotEmpty().noneMatch(l -> l.contains("no_such_metric") || l.contains("/random/")
          || l.contains("BREW"));
      assertThat(httpLines.stream().filter(l -> l.startsWith("vertx_http_server_requests_total"))).hasSizeLessThan(10);
    }
  }

  /** A live WebSocket subscribed to everything, its snapshot received; {@code update} completes on the first update. */
  private static WebSocket subscribedSocket(Vertx vertx, int port, CompletableFuture<Void> update) throws Exception {
    WebSocket ws = vertx.createWebSocketClient().connect(port, "127.0.0.1", "/ws").await();
    CompletableFuture<Void> snapshot = new CompletableFuture<>();
    ws.textMessageHandler(text -> {
      String op = new JsonObject(text).getString("op");
      (op.equals("snapshot") ? snapshot : op.equals("update") ? update : new CompletableFuture<Void>()).complete(null);
    });
    ws.writeTextMessage("{\"op\":\"subscribe\",\"metrics\":\"*\"}").await();
    snapshot.get(10, TimeUnit.SECONDS);
    return ws;
  }

  private static void traffic(Http http) {
    http.get("/api/v1/metrics");
    http.get("/api/v1/metrics/offices");
    http.get("/api/v1/metrics/offices/points?step=P7D&agg=avg");
    http.get("/health/ready");
    http.get("/no/such/page");
    http.postPoints(Http.regionPoint("offices", "global", "2025-12-01T00:00:00Z", 13));
    http.postPoints(new JsonObject("{\"points\":[{\"metric\":\"nope\",\"labels\":{},\"ts\":\"2025-12-01T00:00:00Z\","
        + "\"value\":1}]}"));
    http.send(HttpMethod.POST, "/api/v1/points", "{\"points\":[]}", null, "application/json");
  }
}

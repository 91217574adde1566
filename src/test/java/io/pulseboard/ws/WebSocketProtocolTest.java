package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class WebSocketProtocolTest {
  private static final AtomicLong TS = new AtomicLong();

  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_WS_HEARTBEAT_MS", "300"));
  private Http http;
  private WsClient ws;

  @BeforeEach
  void connect(Vertx vertx) {
    http = new Http(vertx, running.port());
    ws = WsClient.connect(vertx, running.port());
  }

  @AfterEach
  void disconnect() {
    ws.close();
    http.close();
  }

  private static JsonObject subscribe(Object metrics) {
    return new JsonObject().put("op", "subscribe").put("metrics", metrics);
  }

  private long write(double value) {
    return Points.one(http, TS.incrementAndGet(), value);
  }

  @Test
  void says_hello_with_protocol_head_seq_and_heartbeat(Vertx vertx) {
    ws.send(subscribe("*"));
    ws.next("snapshot");
    long head = write(1);
    ws.itemsUntil(head);
    try (WsClient fresh = WsClient.open(vertx, running.port(),
        new io.vertx.core.http.WebSocketConnectOptions().setURI("/ws"))) {
      JsonObject hello = fresh.next("hello");
      assertThat(hello.getInteger("protocol")).isEqualTo(1);
      assertThat(hello.getLong("seq")).isEqualTo(head);
      assertThat(hello.getInteger("heartbeat_ms")).isEqualTo(300);
    }
  }

  @Test
  void answers_ping_with_a_pong_carrying_the_same_id() {
    ws.send(new JsonObject().put("op", "ping").put("id", new JsonObject().put("n", 7)));
    assertThat(ws.next("pong").getJsonObject("id")).isEqualTo(new JsonObject().put("n", 7));
  }

  @Test
  void sends_the_same_metrics_as_the_api_as_the_first_frame_after_subscribe() {
    ws.send(subscribe("*"));
    JsonObject snapshot = ws.next("snapshot");
    JsonObject api = http.get("/api/v1/metrics").bodyAsJsonObject();
    assertThat(snapshot.getLong("seq")).isEqualTo(api.getLong("seq"));
    assertThat(snapshot.getJsonArray("metrics")).isEqualTo(api.getJsonArray("metrics"));
    assertThat(snapshot.containsKey("reset")).isFalse();
  }

  @Test
  void snapshot_of_listed_metrics_holds_only_those() {
    ws.send(subscribe(new JsonArray().add("offices")));
    JsonArray metrics = ws.next("snapshot").getJsonArray("metrics");
    assertThat(metrics).hasSize(1);
    assertThat(metrics.getJsonObject(0).getString("id")).isEqualTo("offices");
    assertThat(metrics.getJsonObject(0).getJsonArray("series")).hasSize(2);
  }

  @Test
  void snapshot_with_a_label_filter_holds_only_matching_series() {
    ws.send(subscribe(new JsonArray().add("offices")).put("labels", new JsonObject().put("region", "asia")));
    JsonArray series = ws.next("snapshot").getJsonArray("metrics").getJsonObject(0).getJsonArray("series");
    assertThat(series).hasSize(1);
    assertThat(series.getJsonObject(0).getJsonObject("labels").getString("region")).isEqualTo("asia");
  }

  @Test
  void pushes_a_written_point_as_an_update_after_the_snapshot() {
    ws.send(subscribe("*"));
    ws.next("snapshot");
    long seq = write(42);
    JsonObject update = ws.next("update");
    JsonObject item = update.getJsonArray("items").getJsonObject(0);
    assertThat(update.getLong("seq")).isEqualTo(seq);
    assertThat(item.getString("metric")).isEqualTo("weekly_users");
    assertThat(item.getJsonObject("labels")).isEqualTo(new JsonObject().put("region", "kr"));
    assertThat(item.getDouble("value")).isEqualTo(42.0);
    assertThat(item.fieldNames()).contains("seq", "ts", "source");
  }

  @Test
  void update_items_come_in_seq_order_and_the_frame_seq_is_the_last_items() {
    ws.send(subscribe("*"));
    ws.next("snapshot");
    long seq = Points.post(http, Points.point("offices", "global", TS.incrementAndGet(), 1),
        Points.point("offices", "asia", TS.incrementAndGet(), 2), Points.point("weekly_users", "kr", TS.incrementAndGet(), 3));
    List<JsonObject> items = ws.itemsUntil(seq);
    List<Long> seqs = items.stream().map(i -> i.getLong("seq")).toList();
    assertThat(seqs).hasSize(3).isSorted();
    assertThat(seqs.get(2)).isEqualTo(seq);
  }

  @Test
  void a_label_filter_keeps_changes_of_other_series_out() {
    ws.send(subscribe(new JsonArray().add("offices")).put("labels", new JsonObject().put("region", "asia")));
    ws.next("snapshot");
    Points.post(http, Points.point("offices", "global", TS.incrementAndGet(), 1));
    long seq = Points.post(http, Points.point("offices", "asia", TS.incrementAndGet(), 2));
    List<JsonObject> items = ws.itemsUntil(seq);
    assertThat(items).extracting(i -> i.getJsonObject("labels").getString("region")).containsOnly("asia");
  }

  @Test
  void unsubscribe_stops_updates_of_those_metrics() {
    ws.send(subscribe("*"));
    ws.next("snapshot");
    ws.send(new JsonObject().put("op", "unsubscribe").put("metrics", "*"));
    ws.send(subscribe(new JsonArray().add("offices")));
    ws.next("snapshot");
    write(5);
    long seq = Points.post(http, Points.point("offices", "asia", TS.incrementAndGet(), 4));
    // Changes arrive in seq order: had weekly_users stayed subscribed, its change would come first.
    assertThat(ws.itemsUntil(seq)).extracting(i -> i.getString("metric")).containsOnly("offices");
  }

  @Test
  void invalid_json_gets_a_bad_frame_error_and_the_socket_keeps_working() {
    ws.sendText("{not json");
    JsonObject error = ws.next("error");
    assertThat(error.getString("code")).isEqualTo("bad_frame");
    assertThat(error.getString("detail")).isNotBlank();
    ws.send(new JsonObject().put("op", "ping").put("id", 2));
    assertThat(ws.next("pong").getInteger("id")).isEqualTo(2);
  }

  @Test
  void a_frame_that_is_not_an_object_gets_a_bad_frame_error() {
    ws.sendText("[1,2]");
    assertThat(ws.next("error").getString("code")).isEqualTo("bad_frame");
  }

  @Test
  void an_unknown_op_gets_an_unknown_op_error() {
    ws.send(new JsonObject().put("op", "dance"));
    assertThat(ws.next("error").getString("code")).isEqualTo("unknown_op");
  }

  @Test
  void a_subscribe_with_invalid_fields_gets_a_bad_frame_error() {
    ws.send(subscribe(new JsonArray().add("offices")).put("since", "yesterday"));
    assertThat(ws.next("error").getString("code")).isEqualTo("bad_frame");
  }

  @Test
  void an_unknown_metric_gets_an_unknown_metric_error_and_subscribes_nothing() {
    ws.send(subscribe(new JsonArray().add("offices").add("no_such_metric")));
    JsonObject error = ws.next("error");
    assertThat(error.getString("code")).isEqualTo("unknown_metric");
    assertThat(error.getString("detail")).contains("no_such_metric");
    ws.send(subscribe(new JsonArray().add("weekly_users")));
    ws.next("snapshot");
    Points.post(http, Points.point("offices", "asia", TS.incrementAndGet(), 4));
    long seq = write(6);
    assertThat(ws.itemsUntil(seq)).extracting(i -> i.getString("metric")).containsOnly("weekly_users");
  }
}

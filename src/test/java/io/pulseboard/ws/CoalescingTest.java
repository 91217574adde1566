package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Changes written within {@code PULSEBOARD_WS_COALESCE_MS} of the last fan-out go out together:
 * one update frame per socket, in seq order, none lost, none twice, filters still applied, and
 * never more than 1000 items in a frame. The window is long here (3 s) so that the writes of a
 * test surely fall inside it.
 */
@ExtendWith(VertxExtension.class)
class CoalescingTest {
  private static final AtomicLong TS = new AtomicLong();

  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_WS_COALESCE_MS", "3000"));
  private Http http;
  private WsClient all;
  private WsClient asia;

  @BeforeEach
  void connect(Vertx vertx) {
    http = new Http(vertx, running.port());
    all = WsClient.connect(vertx, running.port());
    all.send(new JsonObject().put("op", "subscribe").put("metrics", "*"));
    all.next("snapshot");
    asia = WsClient.connect(vertx, running.port());
    asia.send(new JsonObject().put("op", "subscribe").put("metrics", "*")
        .put("labels", new JsonObject().put("region", "asia")));
    asia.next("snapshot");
  }

  @AfterEach
  void disconnect() {
    all.close();
    asia.close();
    http.close();
  }

  @Test
  void writes_within_the_window_arrive_together_in_one_frame_in_seq_order() throws InterruptedException {
    // Opens a window (and is sent at once or after the previous test's window, alone).
    long first = Points.post(http, Points.point("weekly_users", "kr", TS.incrementAndGet(), 1));
    assertThat(seqs(all.next("update"))).containsExactly(first);

    List<Long> written = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String region = i % 2 == 0 ? "asia" : "kr";
      written.add(Points.post(http, Points.point("weekly_users", region, TS.incrementAndGet(), i)));
    }

    JsonObject merged = all.next("update");
    assertThat(seqs(merged)).containsExactlyElementsOf(written);
    assertThat(merged.getLong("seq")).isEqualTo(written.get(3));
    JsonObject filtered = asia.next("update");
    assertThat(seqs(filtered)).containsExactly(written.get(0), written.get(2));
    assertThat(filtered.getJsonArray("items")).extracting(i -> ((JsonObject) i).getJsonObject("labels")
        .getString("region")).containsOnly("asia");
    assertBacklogDrains();
  }

  @Test
  void a_merged_frame_never_carries_more_than_1000_items() throws InterruptedException {
    Points.post(http, Points.point("weekly_users", "kr", TS.incrementAndGet(), 1));
    all.next("update");

    List<Long> written = new ArrayList<>();
    for (int batch = 0; batch < 2; batch++) {
      JsonArray points = new JsonArray();
      for (int i = 0; i < 600; i++) {
        points.add(Points.point("weekly_users", "bulk", TS.incrementAndGet(), i));
      }
      written.add(Points.post(http, points));
    }

    // The feed may read the two writes as 600 + 600 or as 1000 + 200: two frames either way.
    JsonObject one = all.next("update");
    JsonObject two = all.next("update");
    assertThat(one.getJsonArray("items").size()).isLessThanOrEqualTo(1000);
    assertThat(two.getJsonArray("items").size()).isLessThanOrEqualTo(1000);
    List<Long> seqs = new ArrayList<>(seqs(one));
    seqs.addAll(seqs(two));
    assertThat(seqs).hasSize(1200).isSorted().doesNotHaveDuplicates();
    assertThat(two.getLong("seq")).isEqualTo(written.get(1));
    assertThat(all.hasFrame()).isFalse();
    assertBacklogDrains();
  }

  /** Every change counted into the feed's backlog is counted out once written (else the feed would stall). */
  private static void assertBacklogDrains() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    double items;
    while ((items = running.app().registry().get("pulseboard.feed.backlog").gauge().value()) != 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(items).isZero();
  }

  private static List<Long> seqs(JsonObject update) {
    return update.getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("seq")).toList();
  }
}

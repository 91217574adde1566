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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Update pacing end to end. The pause between fan-outs follows the load (see {@link FanOutQueue}
 * and {@code FanOutQueueTest} for its timing): on a quiet server each write goes out at once, even
 * with a long cap (3 s here); changes that wait, while a fan-out is written or during the pause
 * after it, go out together: one update frame per socket, in seq order, none lost, none twice,
 * filters still applied, and never more than 1000 items in a frame.
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
  void on_a_quiet_server_each_write_goes_out_alone_and_at_once_however_long_the_cap() {
    long first = Points.post(http, Points.point("weekly_users", "kr", TS.incrementAndGet(), 1));
    assertThat(seqs(all.next("update"))).containsExactly(first);
    for (int i = 0; i < 4; i++) {
      String region = i % 2 == 0 ? "asia" : "kr";
      long posted = System.nanoTime();
      long seq = Points.post(http, Points.point("weekly_users", region, TS.incrementAndGet(), i));
      assertThat(seqs(all.next("update"))).containsExactly(seq);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted))
          .as("not held for the 3 s cap").isLessThan(1500);
      if (region.equals("asia")) {
        assertThat(seqs(asia.next("update"))).containsExactly(seq);
      }
    }
    assertThat(asia.hasFrame()).isFalse();
  }

  @Test
  void concurrent_writes_arrive_in_seq_order_each_once_with_filters_kept() throws Exception {
    Points.post(http, Points.point("weekly_users", "kr", TS.incrementAndGet(), 1));
    all.next("update");
    List<Long> written = new ArrayList<>();
    List<Long> writtenAsia = new ArrayList<>();
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> posts = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        JsonObject point = Points.point("weekly_users", i % 2 == 0 ? "asia" : "kr", TS.incrementAndGet(), i);
        posts.add(writers.submit(() -> Points.post(http, point)));
      }
      for (int i = 0; i < posts.size(); i++) {
        long seq = posts.get(i).get(30, TimeUnit.SECONDS);
        written.add(seq);
        if (i % 2 == 0) {
          writtenAsia.add(seq);
        }
      }
    } finally {
      writers.shutdownNow();
    }
    List<Long> seen = arrived(all, written.size());
    assertThat(seen).isSorted().doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
    assertThat(arrived(asia, writtenAsia.size())).isSorted().containsExactlyInAnyOrderElementsOf(writtenAsia);
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

  /** The items of the update frames this socket gets until it has {@code count}; each frame holds 1 to 1000. */
  private static List<Long> arrived(WsClient socket, int count) {
    List<Long> seen = new ArrayList<>();
    while (seen.size() < count) {
      JsonObject update = socket.next("update");
      List<Long> items = seqs(update);
      assertThat(items.size()).isBetween(1, 1000);
      assertThat(update.getLong("seq")).isGreaterThanOrEqualTo(items.get(items.size() - 1));
      seen.addAll(items);
    }
    return seen;
  }

  private static List<Long> seqs(JsonObject update) {
    return update.getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("seq")).toList();
  }
}

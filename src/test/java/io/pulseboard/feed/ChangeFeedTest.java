package io.pulseboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.db.Change;
import io.pulseboard.telemetry.Exposition;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ChangeFeedTest {
  @Test
  void publishes_a_written_point_on_the_local_event_bus(Vertx vertx, VertxTestContext ctx) throws Exception {
    try (Pulseboard app = TestApp.start(); Http http = new Http(vertx, app.port())) {
      app.vertx().eventBus().<ChangeBatch>consumer(ChangeBatch.ADDRESS, msg -> ctx.verify(() -> {
        Change item = msg.body().items().get(0);
        assertThat(item.metric()).isEqualTo("offices");
        assertThat(item.labels()).isEqualTo(Map.of("region", "global"));
        assertThat(item.ts()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(item.value()).isEqualTo(13.0);
        assertThat(msg.body().seq()).isEqualTo(item.seq());
        ctx.completeNow();
      })).completion().await();
      http.postPoints(new JsonObject().put("points", new JsonArray().add(new JsonObject()
          .put("metric", "offices").put("labels", new JsonObject().put("region", "global"))
          .put("ts", "2026-01-01T00:00:00Z").put("value", 13))));
      assertThat(ctx.awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void takes_a_commits_changes_without_a_read_and_reads_when_a_seq_is_missing_before_them(Vertx vertx)
      throws Exception {
    String db = TestDatabase.create();
    try (Pulseboard app = TestApp.start(db, Map.of()); Http http = new Http(vertx, app.port())) {
      BlockingQueue<ChangeBatch> batches = new LinkedBlockingQueue<>();
      app.vertx().eventBus().<ChangeBatch>consumer(ChangeBatch.ADDRESS, msg -> batches.add(msg.body()))
          .completion().await();
      double unread = unread(http);
      double read = batches(http, "read");
      JsonObject written = http.postPoints(point(1)).bodyAsJsonObject();
      ChangeBatch batch = batches.poll(10, TimeUnit.SECONDS);
      assertThat(batch.seq()).isEqualTo(written.getLong("seq"));
      assertThat(batch.items()).extracting(Change::value).containsExactly(1.0);
      // Taken from its notification or from the write's answer, whichever came first.
      assertThat(unread(http)).isEqualTo(unread + 1);
      assertThat(batches(http, "read")).isEqualTo(read);

      // A seq taken and never committed (a failed write does that): the next commit's changes do not
      // start right after what was published, so the feed reads instead, and skips nothing.
      TestDatabase.queryLong(db, "SELECT nextval('change_seq')");
      written = http.postPoints(point(2)).bodyAsJsonObject();
      batch = batches.poll(10, TimeUnit.SECONDS);
      assertThat(batch.seq()).isEqualTo(written.getLong("seq"));
      assertThat(batch.items()).extracting(Change::value).containsExactly(2.0);
      assertThat(batches(http, "read")).isEqualTo(read + 1);
      assertThat(unread(http)).isEqualTo(unread + 1);
      assertThat(batches.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  private static JsonObject point(double value) {
    return new JsonObject().put("points", new JsonArray().add(new JsonObject()
        .put("metric", "offices").put("labels", new JsonObject().put("region", "global"))
        .put("ts", "2026-02-0" + (int) value + "T00:00:00Z").put("value", value)));
  }

  /** Batches published with no read: carried by their notification or by the write's answer. */
  private static double unread(Http http) {
    return batches(http, "notification") + batches(http, "write");
  }

  /** {@code pulseboard_feed_batches_total} of this source, from the instance's {@code /metrics}. */
  private static double batches(Http http, String source) {
    return Exposition.scrape(http).value("pulseboard_feed_batches_total", "source=\"" + source + "\"")
        .orElseThrow(() -> new AssertionError("no pulseboard_feed_batches_total{source=" + source + "}"));
  }
}

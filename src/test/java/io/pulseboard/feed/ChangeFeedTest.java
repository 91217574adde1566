package io.pulseboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.db.Change;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.Map;
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
}

package io.pulseboard.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.feed.ChangeBatch;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SeedAndDemoTest {
  @Test
  void seeds_the_report_once_even_across_restarts() throws Exception {
    String db = TestDatabase.create();
    TestApp.start(db, Map.of()).close();
    TestDatabase.execute(db, "DELETE FROM metrics WHERE id = 'offices'");
    TestApp.start(db, Map.of()).close();
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM metrics")).isEqualTo(3);
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM annotations")).isEqualTo(4);
    assertThat(TestDatabase.queryLong(db,
        "SELECT count(*) FROM points WHERE source <> '" + ReportFacts.SOURCE + "'")).isZero();
  }

  @Test
  void seed_false_leaves_the_database_empty() throws Exception {
    String db = TestDatabase.create();
    TestApp.start(db, Map.of("PULSEBOARD_SEED", "false")).close();
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM metrics")).isZero();
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM points")).isZero();
  }

  @Test
  void demo_mode_writes_moving_points_marked_demo(Vertx vertx, VertxTestContext ctx) throws Exception {
    try (Pulseboard app = TestApp.start(TestDatabase.create(), Map.of("PULSEBOARD_DEMO", "true"))) {
      app.vertx().eventBus().<ChangeBatch>consumer(ChangeBatch.ADDRESS, msg -> {
        String source = msg.body().items().get(0).source();
        ctx.verify(() -> assertThat(source).isEqualTo("demo"));
        ctx.completeNow();
      });
      assertThat(ctx.awaitCompletion(15, TimeUnit.SECONDS)).isTrue();
      try (Http http = new Http(vertx, app.port())) {
        assertThat(http.get("/api/v1/goals").bodyAsJsonObject().getJsonArray("goals"))
            .as("the report states no targets, so no goals are seeded").isEmpty();
        assertThat(http.get("/api/v1/alert-rules").bodyAsJsonObject().getJsonArray("rules").getJsonObject(0)
            .getString("name")).isEqualTo(DemoVerticle.DEMO_RULE);
        assertThat(http.get("/api/v1/metrics/offices").bodyAsJsonObject().getJsonArray("series")
            .getJsonObject(0).getJsonObject("latest").getString("source")).isEqualTo(ReportFacts.SOURCE);
      }
    }
  }
}

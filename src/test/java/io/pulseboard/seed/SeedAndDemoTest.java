package io.pulseboard.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.feed.ChangeBatch;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
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
  void seeds_the_report_board_once_and_a_deleted_one_stays_deleted(Vertx vertx) throws Exception {
    String db = TestDatabase.create();
    try (Pulseboard app = TestApp.start(db, Map.of()); Http http = new Http(vertx, app.port())) {
      JsonObject board = http.get("/api/v1/boards/" + ReportBoard.ID).bodyAsJsonObject();
      assertThat(board.getJsonObject("title").getString("ko")).isEqualTo("한국 출범");
      assertThat(board.getLong("version")).isEqualTo(1);
      assertThat(board.encode()).contains("weekly_users_yoy", "paid_subscribers_yoy", "\"by\":\"region\"")
          .contains(ReportFacts.SOURCE);
      assertThat(http.send(HttpMethod.DELETE, "/api/v1/boards/" + ReportBoard.ID, null).statusCode()).isEqualTo(204);
    }
    TestApp.start(db, Map.of()).close();
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM boards WHERE deleted_at IS NULL")).isZero();
  }

  @Test
  void a_database_seeded_before_boards_gets_the_report_board_once() throws Exception {
    String db = TestDatabase.create();
    TestApp.start(db, Map.of()).close();
    TestDatabase.execute(db, "DELETE FROM boards; DELETE FROM settings WHERE key LIKE 'seeded_board:%'");
    TestApp.start(db, Map.of()).close();
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM boards WHERE id = 'korea-launch'")).isEqualTo(1);
    TestApp.start(db, Map.of()).close();
    assertThat(TestDatabase.queryLong(db, "SELECT max(version) FROM boards WHERE id = 'korea-launch'")).isEqualTo(1);
  }

  @Test
  void seed_false_leaves_the_database_empty() throws Exception {
    String db = TestDatabase.create();
    TestApp.start(db, Map.of("PULSEBOARD_SEED", "false")).close();
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM metrics")).isZero();
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM points")).isZero();
    assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM boards")).isZero();
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
        assertThat(http.get("/api/v1/metrics/offices").bodyAsJsonObject().getJsonArray("series")
            .getJsonObject(0).getJsonObject("latest").getString("source")).isEqualTo(ReportFacts.SOURCE);
      }
    }
  }
}

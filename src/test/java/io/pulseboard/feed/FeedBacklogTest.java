package io.pulseboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulseboard.TestDatabase;
import io.pulseboard.db.Database;
import io.pulseboard.db.LocalWrites;
import io.pulseboard.db.Migrations;
import io.pulseboard.db.Notifications;
import io.pulseboard.db.PointInput;
import io.pulseboard.db.PointRepository;
import io.pulseboard.seed.Seeder;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * While the fan-out's backlog is full the feed reads nothing: changes wait in the database, and
 * are published, in order and complete, once there is room again.
 */
class FeedBacklogTest {
  @Test
  void a_full_backlog_holds_changes_in_the_database_until_there_is_room() throws Exception {
    Vertx vertx = Vertx.vertx();
    PgConnectOptions options = Database.connectOptions(TestDatabase.create());
    Pool pool = Database.pool(vertx, options);
    try {
      Migrations.fromClasspath(pool).migrate().await();
      new Seeder(pool).seedIfEmpty().await();
      FeedBacklog backlog = new FeedBacklog(10);
      LinkedBlockingQueue<ChangeBatch> published = new LinkedBlockingQueue<>();
      vertx.deployVerticle(new ChangeFeedVerticle(pool, new Notifications(vertx, options),
          new ServerMeters(new SimpleMeterRegistry()), backlog, new LocalWrites())).await();
      vertx.eventBus().<ChangeBatch>localConsumer(ChangeBatch.ADDRESS, msg -> published.add(msg.body()))
          .completion().await();

      PointRepository points = new PointRepository(pool);
      // The feed reads once as it starts listening, and a read begun with room publishes what it
      // finds: a first change published means that read is over.
      points.write(List.of(point(9))).await();
      assertThat(published.poll(10, TimeUnit.SECONDS)).as("published with room").isNotNull();
      backlog.arrived(10);
      long first = points.write(List.of(point(1), point(2))).await().seq();
      long last = points.write(List.of(point(3))).await().seq();

      assertThat(published.poll(1, TimeUnit.SECONDS)).as("published while the backlog is full").isNull();
      backlog.delivered(10);
      List<Long> seqs = new ArrayList<>();
      while (seqs.size() < 3) {
        ChangeBatch batch = published.poll(10, TimeUnit.SECONDS);
        assertThat(batch).as("published once there is room").isNotNull();
        batch.items().forEach(item -> seqs.add(item.seq()));
      }
      assertThat(seqs).containsExactly(first - 1, first, last);
    } finally {
      vertx.close().await();
    }
  }

  private static PointInput point(int day) {
    return new PointInput("weekly_users", Map.of("region", "global"),
        OffsetDateTime.parse("2030-01-0" + day + "T00:00:00Z"), 1e8 + day, "test");
  }
}

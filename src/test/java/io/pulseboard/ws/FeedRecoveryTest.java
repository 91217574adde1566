package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FeedRecoveryTest {
  /** The instance's one LISTEN connection, which the change feed shares with the other listeners. */
  private static final String KILL_LISTENER = """
      SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'""";

  @Test
  void after_its_listening_connection_is_killed_the_feed_delivers_every_change(Vertx vertx) throws Exception {
    String db = TestDatabase.create();
    try (Pulseboard app = TestApp.start(db, Map.of()); Http http = new Http(vertx, app.port());
        WsClient ws = WsClient.connect(vertx, app.port())) {
      ws.send(new JsonObject().put("op", "subscribe").put("metrics", "*"));
      long before = ws.next("snapshot").getLong("seq");
      assertThat(TestDatabase.queryLong(db, KILL_LISTENER)).isEqualTo(1);
      long head = 0;
      for (int i = 1; i <= 20; i++) {
        head = Points.one(http, i, i);
      }
      List<Long> seqs = ws.itemsUntil(head).stream().map(i -> i.getLong("seq")).toList();
      assertThat(seqs).doesNotHaveDuplicates().isEqualTo(Points.storedAfter(db, before));
    }
  }
}

package io.pulseboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database both evaluate every change and both sweep for missed updates;
 * each transition still makes exactly one notification per channel and one event.
 */
@ExtendWith(VertxExtension.class)
class TwoInstancesAlertTest {
  private static final int TRANSITIONS = 8;

  @Test
  void each_transition_is_claimed_once_across_two_instances(Vertx vertx) throws Exception {
    String db = TestDatabase.create();
    try (Pulseboard first = TestApp.start(db, Map.of("PULSEBOARD_SEED", "false"));
        Http one = new Http(vertx, first.port())) {
      AlertFixture a = new AlertFixture(one, db);
      a.metric("twice_watched", "PT1S");
      long channel = a.channel("shared");
      long threshold = a.rule(rule("threshold", channel).put("above", 10));
      long missed = a.rule(rule("missed_update", channel).put("grace", "PT1S"));
      try (Pulseboard second = TestApp.start(db, Map.of("PULSEBOARD_SEED", "false"));
          Http two = new Http(vertx, second.port())) {
        AlertFixture b = new AlertFixture(two, db);
        for (int t = 1; t <= TRANSITIONS; t++) {
          AlertFixture writer = t % 2 == 0 ? a : b;
          writer.point("twice_watched", "2026-01-01T00:00:" + String.format("%02d", t) + "Z", t % 2 == 1 ? 15 : 5);
          a.await(threshold, t, t % 2 == 1 ? "firing" : "resolved");
        }
        a.await(missed, 1, "firing");
        b.point("twice_watched", "2026-01-01T00:01:00Z", 5);
        a.await(missed, 2, "resolved");
        a.onceEach(threshold, TRANSITIONS, 1);
        a.onceEach(missed, 2, 1);
        assertThat(TestDatabase.queryLong(db, "SELECT count(*) FROM alert_transitions")).isEqualTo(TRANSITIONS + 2);
      }
    }
  }

  private static JsonObject rule(String kind, long channel) {
    return new JsonObject().put("name", kind).put("metric", "twice_watched").put("kind", kind)
        .put("channels", new JsonArray().add(channel));
  }
}

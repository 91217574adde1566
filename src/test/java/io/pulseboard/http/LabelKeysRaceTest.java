package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PUT that drops a label key races writers that use it: whichever comes first, no series may
 * end up with a key its metric does not declare.
 */
@ExtendWith(VertxExtension.class)
class LabelKeysRaceTest {
  private static final int ROUNDS = 25;
  private static final int WRITERS = 4;
  private static final String UNDECLARED_KEYS = """
      SELECT count(*) FROM series s JOIN metrics m ON m.id = s.metric_id
      WHERE EXISTS (SELECT 1 FROM jsonb_object_keys(s.labels) k WHERE NOT k = ANY (m.labels))""";
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  private static String definition(String... labels) {
    return new JsonObject().put("name", "Race").put("unit", "users").put("cadence", "P1D")
        .put("display", "number").put("labels", new JsonArray(List.of((Object[]) labels))).encode();
  }

  private static Future<HttpResponse<Buffer>> send(WebClient client, HttpMethod method, String path, String body) {
    return client.request(method, path).putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
  }

  private static String batch(String metric, int writer) {
    JsonArray points = new JsonArray();
    for (int i = 0; i < 20; i++) {
      points.add(new JsonObject().put("metric", metric).put("ts", "2026-01-01T00:00:00Z").put("value", i)
          .put("labels", new JsonObject().put("region", "r" + i).put("shard", "w" + writer)));
    }
    return new JsonObject().put("points", points).encode();
  }

  @Test
  void a_put_dropping_a_label_key_and_writers_using_it_never_leave_an_undeclared_key(Vertx vertx) {
    WebClient client = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(running.port()),
        new PoolOptions().setHttp1MaxSize(WRITERS + 1));
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String metric = "race_" + round;
        assertThat(send(client, HttpMethod.PUT, "/api/v1/metrics/" + metric, definition("region", "shard"))
            .await().statusCode()).isEqualTo(201);
        List<Future<HttpResponse<Buffer>>> writes = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          writes.add(send(client, HttpMethod.POST, "/api/v1/points", batch(metric, w)));
        }
        Future<HttpResponse<Buffer>> narrow = send(client, HttpMethod.PUT, "/api/v1/metrics/" + metric,
            definition("region"));
        List<Future<?>> all = new ArrayList<>(writes);
        all.add(narrow);
        Future.join(all).await();
        List<Integer> writeStatuses = writes.stream().map(f -> f.result().statusCode()).toList();
        assertThat(writeStatuses).allMatch(s -> s == 200 || s == 409 || s == 422);
        assertThat(narrow.result().statusCode()).isIn(200, 409);
        if (narrow.result().statusCode() == 200) {
          assertThat(writeStatuses).as("round %d: the narrowing PUT won, so no write with the key may succeed", round)
              .doesNotContain(200);
        }
        assertThat(TestDatabase.queryLong(running.db(), UNDECLARED_KEYS)).as("round %d", round).isZero();
      }
    } finally {
      client.close();
    }
  }
}

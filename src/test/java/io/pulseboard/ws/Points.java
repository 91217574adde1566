package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes points of the seeded metrics through the HTTP API, as producers do. */
final class Points {
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private Points() {}

  static JsonObject point(String metric, String region, long tsSeconds, double value) {
    return new JsonObject().put("metric", metric).put("labels", new JsonObject().put("region", region))
        .put("ts", BASE.plusSeconds(tsSeconds).toString()).put("value", value);
  }

  /** Posts these points in one request; returns the highest seq the server reports. */
  static long post(Http http, JsonObject... points) {
    return post(http, new JsonArray(List.of((Object[]) points)));
  }

  static long post(Http http, JsonArray points) {
    HttpResponse<Buffer> r = http.postPoints(new JsonObject().put("points", points));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getLong("seq");
  }

  /** Every seq stored above {@code after}, in order: the changes a client must get once each. */
  static List<Long> storedAfter(String db, long after) {
    List<Long> seqs = new ArrayList<>();
    try (Connection c = TestDatabase.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq FROM points WHERE seq > " + after + " ORDER BY seq")) {
      while (rs.next()) {
        seqs.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return seqs;
  }

  /** Posts one point of {@code weekly_users} in region {@code kr} at a distinct time. */
  static long one(Http http, long tsSeconds, double value) {
    return post(http, point("weekly_users", "kr", tsSeconds, value));
  }
}

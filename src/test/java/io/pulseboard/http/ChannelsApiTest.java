package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/channels}: secrets shown once, every bad input class refused with nothing written. */
@ExtendWith(VertxExtension.class)
class ChannelsApiTest {
  private static final String CHANNELS = "/api/v1/channels";
  private static final String READ_TOKEN = "channels-api-read-token-0123";
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_READ_TOKEN", READ_TOKEN,
      "PULSEBOARD_SEED", "false"));

  static JsonObject channel(String url) {
    return new JsonObject().put("name", "growth team").put("kind", "webhook").put("url", url).put("format", "json");
  }

  private static HttpResponse<Buffer> send(Http http, HttpMethod method, String path, JsonObject body) {
    return http.send(method, path, body == null ? null : body.encode(), TestApp.ADMIN_TOKEN,
        body == null ? null : "application/json");
  }

  private static String secretOf(long id) {
    return TestDatabase.queryString(running.db(), "SELECT secret FROM channels WHERE id = " + id);
  }

  private static String stored() {
    return TestDatabase.queryString(running.db(),
        "SELECT coalesce(string_agg(id || ' ' || name || ' ' || url || ' ' || format || ' ' || secret, ';' ORDER BY id), '')"
            + " FROM channels");
  }

  @Test
  void a_generated_secret_is_answered_once_and_never_after(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = send(http, HttpMethod.POST, CHANNELS, channel("https://hooks.example.com/pb"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      JsonObject created = r.bodyAsJsonObject();
      long id = created.getLong("id");
      String secret = created.getString("secret");
      assertThat(secret).matches("[A-Za-z0-9_-]{43}");
      assertThat(secretOf(id)).isEqualTo(secret);
      assertThat(created.getBoolean("secret_set")).isTrue();
      assertThat(created.getString("url")).isEqualTo("https://hooks.example.com/pb");

      HttpResponse<Buffer> one = send(http, HttpMethod.GET, CHANNELS + "/" + id, null);
      assertThat(one.statusCode()).isEqualTo(200);
      assertThat(one.bodyAsJsonObject().getBoolean("secret_set")).isTrue();
      assertThat(one.bodyAsString()).doesNotContain(secret).doesNotContain("\"secret\"");
      HttpResponse<Buffer> list = send(http, HttpMethod.GET, CHANNELS, null);
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.bodyAsString()).doesNotContain(secret).doesNotContain("\"secret\"");
      assertThat(list.bodyAsJsonObject().getJsonArray("channels")).isNotEmpty();
    }
  }

  @Test
  void a_given_secret_is_kept_and_a_replacement_without_one_keeps_it(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      JsonObject body = channel("https://hooks.example.com/kept").put("secret", "our-own-secret-0123456789");
      HttpResponse<Buffer> r = send(http, HttpMethod.POST, CHANNELS, body);
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(r.bodyAsJsonObject().getString("secret")).isEqualTo("our-own-secret-0123456789");
      long id = r.bodyAsJsonObject().getLong("id");

      JsonObject renamed = channel("https://hooks.example.com/moved").put("name", "renamed").put("format", "slack");
      HttpResponse<Buffer> put = send(http, HttpMethod.PUT, CHANNELS + "/" + id, renamed);
      assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
      assertThat(put.bodyAsJsonObject().getString("format")).isEqualTo("slack");
      assertThat(put.bodyAsString()).doesNotContain("our-own-secret");
      assertThat(secretOf(id)).isEqualTo("our-own-secret-0123456789");

      HttpResponse<Buffer> rekeyed = send(http, HttpMethod.PUT, CHANNELS + "/" + id,
          renamed.copy().put("secret", "a-new-secret-9876543210"));
      assertThat(rekeyed.statusCode()).isEqualTo(200);
      assertThat(rekeyed.bodyAsString()).doesNotContain("a-new-secret");
      assertThat(secretOf(id)).isEqualTo("a-new-secret-9876543210");
    }
  }

  @Test
  void deleting_a_channel_answers_204_then_404(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      long id = send(http, HttpMethod.POST, CHANNELS, channel("https://hooks.example.com/gone")).bodyAsJsonObject()
          .getLong("id");
      assertThat(send(http, HttpMethod.DELETE, CHANNELS + "/" + id, null).statusCode()).isEqualTo(204);
      assertThat(send(http, HttpMethod.GET, CHANNELS + "/" + id, null).statusCode()).isEqualTo(404);
      assertThat(send(http, HttpMethod.DELETE, CHANNELS + "/" + id, null).statusCode()).isEqualTo(404);
      assertThat(send(http, HttpMethod.PUT, CHANNELS + "/" + id, channel("https://hooks.example.com/x")).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void channels_are_for_admin_tokens_only(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      HttpResponse<Buffer> r = http.send(HttpMethod.GET, CHANNELS, null, READ_TOKEN, null);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.bodyAsJsonObject().getString("missing_scope")).isEqualTo("admin");
    }
  }

  /** A bad input class: what it is, the body, the pointer its error must name. */
  private record Bad(String what, JsonObject body, String pointer) {}

  static List<Bad> badChannels() {
    String longUrl = "https://hooks.example.com/" + "a".repeat(2100);
    return List.of(
        new Bad("not http", channel("ftp://hooks.example.com/x"), "/url"),
        new Bad("javascript", channel("javascript:alert(1)"), "/url"),
        new Bad("user info", channel("https://user:pass@hooks.example.com/x"), "/url"),
        new Bad("no host", channel("https:///x"), "/url"),
        new Bad("over-long URL", channel(longUrl), "/url"),
        new Bad("loopback literal", channel("http://127.0.0.1:9000/hook"), "/url"),
        new Bad("IPv6 loopback", channel("http://[::1]:9000/hook"), "/url"),
        new Bad("private address", channel("http://10.1.2.3/hook"), "/url"),
        new Bad("cloud metadata", channel("http://169.254.169.254/latest/meta-data/"), "/url"),
        new Bad("unique local IPv6", channel("http://[fd00:ec2::254]/"), "/url"),
        new Bad("IPv4-mapped loopback", channel("http://[::ffff:127.0.0.1]/"), "/url"),
        new Bad("unspecified", channel("http://0.0.0.0:8080/"), "/url"),
        new Bad("multicast", channel("http://224.0.0.1/"), "/url"),
        new Bad("numeric host", channel("http://2130706433/"), "/url"),
        new Bad("unknown format", channel("https://hooks.example.com/x").put("format", "xml"), "/format"),
        new Bad("unknown kind", channel("https://hooks.example.com/x").put("kind", "email"), "/kind"),
        new Bad("empty name", channel("https://hooks.example.com/x").put("name", ""), "/name"),
        new Bad("blank name", channel("https://hooks.example.com/x").put("name", "   "), "/name"),
        new Bad("over-long name", channel("https://hooks.example.com/x").put("name", "n".repeat(101)), "/name"),
        new Bad("short secret", channel("https://hooks.example.com/x").put("secret", "short"), "/secret"),
        new Bad("secret with spaces", channel("https://hooks.example.com/x")
            .put("secret", "has spaces in it 0123"), "/secret"),
        new Bad("unknown property", channel("https://hooks.example.com/x").put("headers", "x"), "/headers"),
        new Bad("null url", channel("https://hooks.example.com/x").put("url", (String) null), "/url"),
        new Bad("missing url", without(channel("https://hooks.example.com/x"), "url"), ""));
  }

  private static JsonObject without(JsonObject body, String key) {
    body.remove(key);
    return body;
  }

  @Test
  void each_bad_channel_class_is_422_naming_the_field_and_nothing_is_written(Vertx vertx) {
    try (Http http = new Http(vertx, running.port())) {
      long id = send(http, HttpMethod.POST, CHANNELS, channel("https://hooks.example.com/kept")).bodyAsJsonObject()
          .getLong("id");
      for (Bad bad : badChannels()) {
        refused(http, id, bad.what(), bad.body(), bad.pointer());
      }
    }
  }

  private static void refused(Http http, long id, String what, JsonObject body, String pointer) {
    String before = stored();
    for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT}) {
      String path = method == HttpMethod.POST ? CHANNELS : CHANNELS + "/" + id;
      HttpResponse<Buffer> r = send(http, method, path, body);
      assertThat(r.statusCode()).as("%s %s: %s", method, what, r.bodyAsString()).isEqualTo(422);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
          .as("%s %s: %s", method, what, r.bodyAsString()).contains(pointer);
      assertThat(stored()).as("%s %s wrote nothing", method, what).isEqualTo(before);
    }
  }
}

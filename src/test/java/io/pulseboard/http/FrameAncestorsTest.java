package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may frame the page: nobody by default; the origins of PULSEBOARD_FRAME_ANCESTORS when set. */
@ExtendWith(VertxExtension.class)
class FrameAncestorsTest {
  @RegisterExtension
  static final RunningApp closed = new RunningApp(Map.of("PULSEBOARD_SEED", "false"));
  @RegisterExtension
  static final RunningApp embeddable = new RunningApp(Map.of("PULSEBOARD_SEED", "false",
      "PULSEBOARD_FRAME_ANCESTORS", "'self', https://intranet.example.com"));

  @Test
  void by_default_no_page_may_frame_the_dashboard(Vertx vertx) {
    try (Http http = new Http(vertx, closed.port())) {
      for (String path : new String[] {"/", "/api/v1/metrics", "/nowhere"}) {
        HttpResponse<Buffer> r = http.get(path);
        assertThat(r.getHeader("Content-Security-Policy")).as(path).contains("frame-ancestors 'none';")
            .isEqualTo(SecurityHeaders.CSP);
        assertThat(r.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
      }
    }
  }

  @Test
  void listed_origins_may_frame_it_and_x_frame_options_is_left_out(Vertx vertx) {
    try (Http http = new Http(vertx, embeddable.port())) {
      for (String path : new String[] {"/", "/api/v1/metrics"}) {
        HttpResponse<Buffer> r = http.get(path);
        String csp = r.getHeader("Content-Security-Policy");
        assertThat(csp).as(path).contains("; frame-ancestors 'self' https://intranet.example.com; ")
            .doesNotContain("'none'; form").contains("script-src 'self';");
        assertThat(r.getHeader("X-Frame-Options")).as(path).isNull();
        assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      }
    }
  }
}

package io.pulseboard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract offers a metric's history as JSON and as CSV; the server answers with the one the
 * client ranks first, and clients generated from the contract send both, JSON first.
 */
@ExtendWith(VertxExtension.class)
class HistoryMediaTypeTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private static final String HISTORY = "/api/v1/metrics/weekly_users/points";

  private static String typeFor(Vertx vertx, String accept) {
    try (Http http = new Http(vertx, running.port())) {
      var response = accept == null ? http.get(HISTORY) : http.get(HISTORY, "Accept", accept);
      assertThat(response.statusCode()).isEqualTo(200);
      return response.getHeader("Content-Type");
    }
  }

  @Test
  void json_when_the_client_lists_json_before_csv(Vertx vertx) {
    assertThat(typeFor(vertx, "application/json, text/csv, application/problem+json")).startsWith("application/json");
  }

  @Test
  void csv_when_the_client_asks_for_csv_alone_or_first(Vertx vertx) {
    assertThat(typeFor(vertx, "text/csv")).startsWith("text/csv");
    assertThat(typeFor(vertx, "text/csv, application/json")).startsWith("text/csv");
  }

  @Test
  void the_quality_values_rank_the_types(Vertx vertx) {
    assertThat(typeFor(vertx, "text/csv;q=0.5, application/json")).startsWith("application/json");
    assertThat(typeFor(vertx, "application/json;q=0.2, text/csv")).startsWith("text/csv");
  }

  @Test
  void json_without_an_accept_header_or_with_any_type(Vertx vertx) {
    assertThat(typeFor(vertx, null)).startsWith("application/json");
    assertThat(typeFor(vertx, "*/*")).startsWith("application/json");
  }
}
